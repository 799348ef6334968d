import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SEVERITIES } from '../core/severity.js';
import { SCHEMA_VERSION, type Finding, type Package, type ScanResult } from '../core/types.js';
import { badRequest } from './http.js';

const text = (max = 4096) => z.string().max(max);
const location = z.looseObject({ path: text(), line: z.number().int().optional(), layer: text(200).optional() });

const packageSchema = z.looseObject({
  name: text(1000).min(1),
  version: text(1000),
  ecosystem: text(200).min(1),
  purl: text(),
  locations: z.array(location).max(10000).default([]),
  licenses: z.array(text()).max(1000).default([]),
});

const findingSchema = z.looseObject({
  kind: z.enum(['vulnerability', 'misconfig', 'secret', 'policy', 'license']),
  id: text(500).min(1),
  aliases: z.array(text(500)).max(1000).default([]),
  severity: z.enum(SEVERITIES),
  title: text(100000),
  target: text(),
  location,
  fingerprint: text(200).min(1),
});

/** What POST /api/v1/scans accepts: the native JSON (docs/json-format.md) of any scanning command. */
const scanSchema = z.looseObject({
  schemaVersion: z.literal(SCHEMA_VERSION, { error: `schemaVersion must be ${SCHEMA_VERSION}` }),
  artifact: z.looseObject({
    name: text(1000).min(1),
    type: z.enum(['container_image', 'filesystem', 'repository', 'config', 'sbom']),
    digest: z.string().regex(/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/, 'digest must look like sha256:<hex>').optional(),
    os: z.looseObject({ family: text(100), version: text(100) }).optional(),
  }),
  packages: z.array(packageSchema).max(500000),
  findings: z.array(findingSchema).max(1000000),
  suppressed: z.array(z.looseObject({ finding: z.looseObject({ fingerprint: text(200) }) })).max(1000000).optional(),
});

export interface Upload {
  digest: string;
  result: ScanResult;
  inventory: Package[];
  suppressed: string[];
}

/**
 * Checks an uploaded scan result and turns it into what the store keeps. Everything is checked
 * before anything is stored; the first problem is the 400's message, with its JSON path.
 */
export function parseUpload(body: unknown): Upload {
  const r = scanSchema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw badRequest(`not a coastguard scan result: ${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}`);
  }
  const result = r.data as unknown as ScanResult;
  return {
    digest: artifactKey(result),
    result,
    // Owned-file lists are large and no matcher reads them: they stay with the scan, not the store.
    inventory: result.packages.map(({ files: _files, ...p }) => p as Package),
    suppressed: (result.suppressed ?? []).map((s) => s.finding.fingerprint),
  };
}

/**
 * What an artifact is stored under: an image's digest; for artifacts without one (a directory,
 * an SBOM) a digest of its type and name, so re-uploading the same tree replaces its record.
 */
export function artifactKey(result: Pick<ScanResult, 'artifact'>): string {
  if (result.artifact.digest) return result.artifact.digest;
  return 'sha256:' + createHash('sha256').update(`${result.artifact.type}\0${result.artifact.name}`).digest('hex');
}

export const isVuln = (f: Finding) => f.kind === 'vulnerability';

/**
 * Dependency-Track's BOM upload (PUT and POST /api/v1/bom), so DT's CI plugins and scripts can
 * send CycloneDX here unchanged: `X-Api-Key: TOKEN` (scope upload), project by name and version,
 * `autoCreate`. The BOM becomes an SBOM artifact named "NAME:VERSION", matched by the server's DB.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_VERSION, type ScanResult } from '../../core/types.js';
import { readSbom } from '../../source/sbom.js';
import { artifactKey } from '../ingest.js';
import { ApiError, badRequest, sendJson } from '../http.js';
import { parseMultipart } from '../multipart.js';
import type { Route, RouteContext } from './route.js';

interface BomUpload {
  projectName?: string;
  projectVersion?: string;
  autoCreate: boolean;
  bom: Buffer;
}

async function fromRequest(ctx: RouteContext): Promise<BomUpload> {
  const type = String(ctx.req.headers['content-type'] ?? '');
  if (ctx.req.method === 'POST' && /^multipart\/form-data/i.test(type)) {
    const f = parseMultipart(await ctx.body(), type);
    const text = (k: string) => f.get(k)?.toString('utf8');
    const bom = f.get('bom');
    if (!bom) throw badRequest('multipart field "bom" is missing');
    return { projectName: text('projectName'), projectVersion: text('projectVersion'), autoCreate: text('autoCreate') === 'true', bom };
  }
  const body = (await ctx.json()) as Record<string, unknown>;
  if (!body || typeof body !== 'object' || typeof body.bom !== 'string') throw badRequest('expected {"projectName", "projectVersion", "autoCreate", "bom": BASE64}');
  if (!/^[A-Za-z0-9+/=\s]*$/.test(body.bom)) throw badRequest('"bom" must be base64');
  return {
    projectName: typeof body.projectName === 'string' ? body.projectName : undefined,
    projectVersion: typeof body.projectVersion === 'string' ? body.projectVersion : undefined,
    autoCreate: body.autoCreate === true || body.autoCreate === 'true',
    bom: Buffer.from(body.bom, 'base64'),
  };
}

async function handleBom(ctx: RouteContext) {
  const u = await fromRequest(ctx);
  if (!u.projectName?.trim()) throw badRequest('projectName is required (project UUIDs are not kept here)');
  const name = u.projectVersion ? `${u.projectName}:${u.projectVersion}` : u.projectName;
  if (!u.autoCreate) {
    const key = artifactKey({ artifact: { name, type: 'sbom' } });
    if (!(await ctx.store.imageSummary(key))) throw new ApiError(404, `the project could not be found: ${name} (send autoCreate=true)`);
  }
  // readSbom is the CLI's own reader: the same checks as `coastguard sbom FILE`.
  const dir = mkdtempSync(join(tmpdir(), 'coastguard-bom-'));
  let result: ScanResult;
  try {
    const file = join(dir, 'bom.json');
    writeFileSync(file, u.bom);
    const sbom = readSbom(file);
    if (sbom.format !== 'cyclonedx') throw badRequest('Dependency-Track BOM uploads must be CycloneDX');
    result = { schemaVersion: SCHEMA_VERSION, artifact: { name, type: 'sbom', ...(sbom.os ? { os: sbom.os } : {}) }, packages: sbom.packages, findings: [] };
  } catch (e) {
    throw e instanceof ApiError ? e : badRequest(`malformed BOM: ${(e as Error).message.replace(/: [^:]*bom\.json$/, '')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const saved = await ctx.core.saveResult(result, 'scan');
  const token = randomUUID();
  ctx.auditDetail = { project: name, digest: saved.image.digest, packages: result.packages.length, new: saved.new, resolved: saved.resolved };
  sendJson(ctx.res, 200, { token });
}

export const routes: Route[] = [
  { method: 'PUT', path: '/api/v1/bom', scope: 'upload', summary: 'Dependency-Track BOM upload: {"projectName", "projectVersion", "autoCreate", "bom": BASE64 CycloneDX} → {"token"}', handle: handleBom },
  { method: 'POST', path: '/api/v1/bom', scope: 'upload', summary: 'Dependency-Track BOM upload as multipart/form-data (fields projectName, projectVersion, autoCreate, bom) → {"token"}', handle: handleBom },
  {
    method: 'GET',
    path: '/api/v1/bom/token/:token',
    scope: 'read',
    summary: 'Dependency-Track processing status of an upload: always {"processing": false} (uploads are processed before the answer)',
    async handle(ctx) {
      sendJson(ctx.res, 200, { processing: false });
    },
  },
];

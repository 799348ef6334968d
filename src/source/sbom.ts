import { readFileSync } from 'node:fs';
import { PackageURL } from 'packageurl-js';
import { z } from 'zod';
import { inputError } from '../core/errors.js';
import { LANGUAGE_BY_PURL_TYPE } from '../core/ecosystems.js';
import { Limits, overLimit, regularFile } from './limits.js';
import type { OSInfo, Package } from '../core/types.js';
import { familyFromId, familyInfo, osFromDistroQualifier, osFromName } from '../analyze/os/index.js';

/** An SBOM read back into an inventory: the `coastguard sbom FILE` source. */
export interface SbomInventory {
  name: string;
  format: 'cyclonedx' | 'spdx';
  os?: OSInfo;
  packages: Package[];
  skipped: number;
}

// purl type → OSV ecosystem for language packages.
const LANG = LANGUAGE_BY_PURL_TYPE;
// purl namespace of OS packages → OSV ecosystem (the namespace is an os-release ID or a family name).
const osEcosystem = (ns: string): string | undefined =>
  ({ suse: 'SUSE', opensuse: 'openSUSE', almalinux: 'AlmaLinux' })[ns] ?? familyInfo(familyFromId(ns))?.ecosystem;

/** Source-package properties: ours and Trivy's (checked on a Trivy-written SBOM fixture). */
const SOURCE_NAME = ['coastguard:package:source-name', 'aquasecurity:trivy:SrcName'];
const SOURCE_VERSION = ['coastguard:package:source-version', 'aquasecurity:trivy:SrcVersion'];
const MODULARITY = ['coastguard:package:modularity-label', 'aquasecurity:trivy:Modularitylabel'];

/** rpm `upstream` qualifiers name the source RPM file (syft): "openssl-1.0.2k-24.amzn2.src.rpm". */
function sourceRpm(upstream: string): [string, string] | undefined {
  const m = /^(.+)-([^-]+)-([^-]+)\.src\.rpm$/.exec(upstream);
  return m ? [m[1], `${m[2]}-${m[3]}`] : undefined;
}

function packageFromPurl(purl: string, props: Map<string, string>, where: string): Package | undefined {
  let p: PackageURL;
  try {
    p = PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
  if (!p.version) return undefined;
  const q = (p.qualifiers ?? {}) as Record<string, string>;
  let name = p.name;
  let ecosystem: string | undefined;
  let version = p.version;
  if (p.type === 'deb' || p.type === 'apk' || p.type === 'rpm') {
    ecosystem = osEcosystem((p.namespace ?? '').toLowerCase()) ?? p.type;
    // Trivy and syft put the epoch in a qualifier (rpm, and deb when not in the version itself).
    if ((p.type === 'rpm' || p.type === 'deb') && q.epoch && q.epoch !== '0' && !version.includes(':')) version = `${q.epoch}:${version}`;
  } else {
    ecosystem = LANG[p.type];
    if (!ecosystem) return undefined;
    if (p.namespace) name = p.type === 'maven' ? `${p.namespace}:${p.name}` : `${p.namespace}/${p.name}`;
  }
  const pick = (keys: string[]) => keys.map((k) => props.get(k)).find(Boolean);
  let sourceName = pick(SOURCE_NAME);
  let sourceVersion = pick(SOURCE_VERSION);
  // Trivy splits an rpm source version into SrcEpoch, SrcVersion and SrcRelease.
  const release = props.get('aquasecurity:trivy:SrcRelease');
  const epoch = props.get('aquasecurity:trivy:SrcEpoch');
  if (sourceVersion && release) sourceVersion = `${sourceVersion}-${release}`;
  if (sourceVersion && epoch && epoch !== '0') sourceVersion = `${epoch}:${sourceVersion}`;
  // purl spec: `upstream=name@version` (or just name) names the source package of a deb/rpm/apk.
  if (!sourceName && q.upstream) [sourceName, sourceVersion] = (p.type === 'rpm' && sourceRpm(q.upstream)) || q.upstream.split('@');
  const modularityLabel = pick(MODULARITY);
  return {
    name,
    version,
    ecosystem,
    purl,
    source: sourceName ? { name: sourceName, version: sourceVersion ?? version } : undefined,
    locations: [{ path: props.get('coastguard:location:path') ?? where }],
    licenses: [],
    arch: q.arch,
    ...(modularityLabel ? { meta: { modularityLabel } } : {}),
  };
}

const optStr = z.string().optional();
const cdxList = z.array(z.unknown()).optional();
const cdxComponent = z.looseObject({
  type: optStr,
  name: optStr,
  version: optStr,
  purl: optStr,
  description: optStr,
  properties: z.array(z.looseObject({ name: z.string(), value: z.string() })).optional(),
  components: cdxList,
});
const spdxPackages = z
  .array(
    z.looseObject({
      name: optStr,
      versionInfo: optStr,
      primaryPackagePurpose: optStr,
      sourceInfo: optStr,
      externalRefs: z.array(z.looseObject({ referenceType: z.string(), referenceLocator: z.string() })).optional(),
    }),
  )
  .optional();

/** A part of the SBOM checked against its schema: exit 3 naming the field when it does not fit. */
function checked<S extends z.ZodType>(schema: S, value: unknown, field: string, path: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const sub = issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
  throw inputError(`SBOM is not valid: field ${field}${sub}: ${issue.message}`, path);
}

interface CdxComponent {
  type?: string;
  name?: string;
  version?: string;
  purl?: string;
  description?: string;
  properties?: { name: string; value: string }[];
  components?: CdxComponent[];
}

/** The `distro` qualifier of OS package purls: `debian-12.5`, `cbl-mariner-2.0`, `amzn-2` (deb, rpm) or `3.19.1` (apk). */
function distroFromPurls(purls: string[]): OSInfo | undefined {
  for (const s of purls) {
    let p: PackageURL;
    try {
      p = PackageURL.fromString(s);
    } catch {
      continue;
    }
    const d = (p.qualifiers as Record<string, string> | undefined)?.distro;
    if (!d || !['deb', 'apk', 'rpm'].includes(p.type)) continue;
    const os = osFromDistroQualifier(d, p.namespace);
    if (os) return os;
  }
  return undefined;
}

/**
 * Reads a CycloneDX (1.4–1.6) or SPDX 2.x JSON document: every component/package with a purl
 * becomes a Package; the operating system comes from the OS component (CycloneDX) or package
 * (SPDX), else from the `distro` qualifier of the OS packages' purls.
 */
export function readSbom(path: string): SbomInventory {
  const size = regularFile(path, 'SBOM').size;
  if (size > Limits.sbomBytes) throw overLimit('SBOM', size, Limits.sbomBytes, path);
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw inputError(code ? `cannot read SBOM (${code})` : `SBOM is not valid JSON (${(e as Error).message})`, path);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw inputError('not a CycloneDX or SPDX JSON document (not an object)', path);
  const packages: Package[] = [];
  let skipped = 0;
  let os: OSInfo | undefined;
  const add = (purl: string | undefined, props: Map<string, string>) => {
    const p = purl ? packageFromPurl(purl, props, path) : undefined;
    if (p) packages.push(p);
    else skipped++;
  };
  if (doc.bomFormat === 'CycloneDX') {
    // Depth-first with an explicit stack: nesting depth is the document's choice, not ours.
    const stack: [unknown, string][] = [];
    const push = (list: unknown, field: string) => {
      const l = checked(cdxList, list, field, path) ?? [];
      for (let i = l.length - 1; i >= 0; i--) stack.push([l[i], `${field}[${i}]`]);
    };
    push(doc.components, 'components');
    for (let top = stack.pop(); top; top = stack.pop()) {
      const c = checked(cdxComponent, top[0], top[1], path) as CdxComponent;
      if (c.type === 'operating-system') os = osFromName(c.name ?? '', c.version ?? '', c.description) ?? os;
      else add(c.purl, new Map((c.properties ?? []).map((x) => [x.name, x.value])));
      push(c.components, `${top[1]}.components`);
    }
    const meta = doc.metadata as { component?: CdxComponent } | undefined;
    os ??= distroFromPurls(packages.map((p) => p.purl));
    return { name: meta?.component?.name ?? path, format: 'cyclonedx', os, packages, skipped };
  }
  if (typeof doc.spdxVersion === 'string') {
    for (const p of checked(spdxPackages, doc.packages, 'packages', path) ?? []) {
      if (p.primaryPackagePurpose === 'OPERATING_SYSTEM' || p.primaryPackagePurpose === 'OPERATING-SYSTEM') {
        os = osFromName(p.name ?? '', p.versionInfo ?? '') ?? os;
        continue;
      }
      if (p.primaryPackagePurpose === 'CONTAINER') continue;
      // SPDX has no properties: the source package travels in sourceInfo, as our writer puts it.
      const src = /source package (\S+) (\S+)/.exec(p.sourceInfo ?? '');
      const props = new Map(src ? [['coastguard:package:source-name', src[1]], ['coastguard:package:source-version', src[2]]] : []);
      add(p.externalRefs?.find((r) => r.referenceType === 'purl')?.referenceLocator, props);
    }
    os ??= distroFromPurls(packages.map((p) => p.purl));
    return { name: (doc.name as string | undefined) ?? path, format: 'spdx', os, packages, skipped };
  }
  throw inputError('not a CycloneDX or SPDX JSON document', path);
}

import { createHash } from 'node:crypto';
import type { ScanResult } from '../core/index.js';
import { isOsPurl } from '../core/ecosystems.js';
import { spdxId as spdxLicenseId } from './licenses.js';
import { TOOL_NAME, TOOL_VERSION, isoNow, packageKey, stableUuid, type ReportOptions } from './util.js';

const spdxId = (kind: string, key: string) =>
  `SPDXRef-${kind}-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;

/** Licence names that are not SPDX ids become LicenseRef-… with their text kept, so the document stays valid SPDX. */
const licenseRef = (name: string) => `LicenseRef-${name.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'unnamed'}`;

/**
 * SPDX 2.3 JSON: one package for the artifact, one for its OS, one per package with its purl as a
 * PACKAGE-MANAGER external reference; relationships DOCUMENT DESCRIBES root, root CONTAINS OS and
 * non-OS packages, OS CONTAINS its packages.
 */
export function writeSpdx(result: ScanResult, opts: ReportOptions = {}): string {
  const created = isoNow(opts);
  const rootId = 'SPDXRef-Root';
  const os = result.artifact.os;
  const osId = os ? 'SPDXRef-OperatingSystem' : undefined;
  const extracted = new Map<string, string>();
  const seen = new Set<string>();
  const packages: Record<string, unknown>[] = [
    {
      SPDXID: rootId,
      name: result.artifact.name,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      primaryPackagePurpose: result.artifact.type === 'container_image' ? 'CONTAINER' : 'APPLICATION',
      ...(result.artifact.digest?.startsWith('sha256:')
        ? { checksums: [{ algorithm: 'SHA256', checksumValue: result.artifact.digest.slice(7) }] }
        : {}),
    },
  ];
  if (os) {
    packages.push({
      SPDXID: osId,
      name: os.family,
      versionInfo: os.version,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      primaryPackagePurpose: 'OPERATING_SYSTEM',
    });
  }
  const relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[] = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: rootId },
  ];
  if (osId) relationships.push({ spdxElementId: rootId, relationshipType: 'CONTAINS', relatedSpdxElement: osId });
  for (const p of result.packages) {
    const key = packageKey(p);
    if (seen.has(key)) continue;
    seen.add(key);
    const id = spdxId('Package', key);
    const refs = p.licenses.map((l) => {
      const known = spdxLicenseId(l);
      if (known) return known;
      const r = licenseRef(l);
      extracted.set(r, l);
      return r;
    });
    packages.push({
      SPDXID: id,
      name: p.name,
      versionInfo: p.version,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: refs.length ? refs.join(' AND ') : 'NOASSERTION',
      copyrightText: 'NOASSERTION',
      primaryPackagePurpose: 'LIBRARY',
      ...(p.source ? { sourceInfo: `built from source package ${p.source.name} ${p.source.version}` } : {}),
      ...(p.purl ? { externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl }] } : {}),
      ...(p.locations.length ? { comment: `found in ${p.locations.map((l) => l.path + (l.layer ? ` (layer ${l.layer})` : '')).join(', ')}` } : {}),
    });
    const parent = osId && isOsPurl(p.purl) ? osId : rootId;
    relationships.push({ spdxElementId: parent, relationshipType: 'CONTAINS', relatedSpdxElement: id });
  }
  const doc = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: result.artifact.name,
    documentNamespace: `https://coastguard.dev/spdx/${encodeURIComponent(result.artifact.name)}-${stableUuid(JSON.stringify([result.artifact, created]))}`,
    creationInfo: { created, creators: [`Tool: ${TOOL_NAME}-${opts.toolVersion ?? TOOL_VERSION}`], licenseListVersion: '3.22' },
    packages,
    relationships,
    ...(extracted.size
      ? { hasExtractedLicensingInfos: [...extracted].map(([licenseId, name]) => ({ licenseId, name, extractedText: name })) }
      : {}),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

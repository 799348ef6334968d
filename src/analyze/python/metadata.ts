import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { text } from '../lang-common/index.js';
import { pypiPackage } from './purl.js';

/**
 * Core metadata (PEP 241/314/345/566/643): `*.dist-info/METADATA`, `*.egg-info/PKG-INFO`,
 * `EGG-INFO/PKG-INFO` and the single-file `*.egg-info` distutils writes (Debian's python3-* packages).
 * An email-style header block; the body after the first blank line is the description.
 */
export function parseMetadataHeaders(src: string): Map<string, string[]> {
  const h = new Map<string, string[]>();
  let last: string | undefined;
  for (const line of src.split(/\r?\n/)) {
    if (line === '') break;
    if (/^[ \t]/.test(line)) {
      // continuation: multi-line License / Description fields
      if (last) {
        const vals = h.get(last)!;
        vals[vals.length - 1] += '\n' + line.trim();
      }
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`not a metadata header line: ${line.slice(0, 60)}`);
    last = line.slice(0, colon).trim().toLowerCase();
    const v = line.slice(colon + 1).trim();
    const vals = h.get(last);
    if (vals) vals.push(v);
    else h.set(last, [v]);
  }
  return h;
}

/** Licence: License-Expression (PEP 639), else a short License field, else the trove classifiers. */
export function metadataLicenses(h: Map<string, string[]>): string[] {
  const expr = h.get('license-expression')?.[0];
  if (expr) return [expr];
  const lic = h.get('license')?.[0];
  // Many projects paste the whole licence text into License; that is not a name.
  if (lic && lic !== 'UNKNOWN' && !lic.includes('\n') && lic.length <= 100) return [lic];
  const out: string[] = [];
  for (const c of h.get('classifier') ?? []) {
    const parts = c.split('::').map((s) => s.trim());
    if (parts[0] === 'License' && parts.length > 1 && parts[parts.length - 1] !== 'OSI Approved') out.push(parts[parts.length - 1]);
  }
  return out;
}

export function parseMetadata(file: AnalyzerInput): Package[] {
  const src = text(file.content);
  // setuptools leaves empty *.egg-info files behind for some installs: nothing installed there.
  if (!src.trim()) return [];
  const h = parseMetadataHeaders(src);
  const name = h.get('name')?.[0];
  const version = h.get('version')?.[0];
  if (!name) throw new Error('no Name field');
  if (!version) throw new Error('no Version field');
  return [pypiPackage(name, version, file, { licenses: metadataLicenses(h) })];
}

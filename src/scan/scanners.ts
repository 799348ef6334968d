import { usageError } from '../core/errors.js';
import type { Analyzer } from '../analyze/types.js';

export const SCANNERS = ['vuln', 'secret', 'misconfig', 'license'] as const;
export type Scanner = (typeof SCANNERS)[number];

/** `--scanners vuln,secret` (Trivy's names; `config` is accepted for misconfig). Default: all. */
export function parseScanners(s: string | undefined): Set<Scanner> {
  if (!s) return new Set(SCANNERS);
  const out = new Set<Scanner>();
  for (const raw of s.split(',').map((x) => x.trim()).filter(Boolean)) {
    const name = raw === 'config' ? 'misconfig' : raw === 'vulnerability' ? 'vuln' : raw;
    if (!(SCANNERS as readonly string[]).includes(name)) throw usageError(`unknown scanner "${raw}" (choose from ${SCANNERS.join(', ')})`, '--scanners');
    out.add(name as Scanner);
  }
  return out;
}

/** Which analyzer kinds a set of scanners needs; the inventory (OS + packages) is always built. */
export function analyzerKinds(scanners: Set<Scanner>): Analyzer['kind'][] {
  const kinds: Analyzer['kind'][] = ['os', 'os-pkg', 'lang'];
  if (scanners.has('secret')) kinds.push('secret');
  if (scanners.has('misconfig')) kinds.push('config');
  return kinds;
}

import type { FeedSink } from '../types.js';
import { FeedError } from './errors.js';
import type { Feed } from './feed.js';

/**
 * The Node.js Security WG's legacy ecosystem advisories (nodejs/security-wg `vuln/npm/*.json`):
 * `module_name`, `vulnerable_versions` and `patched_versions` as npm ranges. IDs are the WG's own
 * "NSWG-ECO-<n>". `index.json` holds the same advisories keyed by number.
 */
export const id = 'nodejs-security-wg';

interface WgAdvisory {
  id?: number | string;
  title?: string;
  overview?: string;
  module_name?: string;
  cves?: string[];
  vulnerable_versions?: string;
  patched_versions?: string;
  references?: string[] | string;
  cvss_vector?: string;
  created_at?: string;
  updated_at?: string;
  publish_date?: string;
}

export function looksLikeWgAdvisory(doc: unknown): boolean {
  const d = doc as WgAdvisory | null;
  return !!d && typeof d === 'object' && typeof d.module_name === 'string' && 'vulnerable_versions' in d;
}

export function looksLikeWgIndex(doc: unknown): boolean {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const first = Object.values(doc as Record<string, unknown>)[0];
  return looksLikeWgAdvisory(first);
}

export function parseWgIndex(doc: unknown, where: string, sink: FeedSink): number {
  let n = 0;
  for (const a of Object.values(doc as Record<string, unknown>)) if (parseWgAdvisory(a, where, sink)) n++;
  return n;
}

export function parseWgAdvisory(doc: unknown, where: string, sink: FeedSink): boolean {
  const a = doc as WgAdvisory;
  if (a.id === undefined || !a.module_name) throw new FeedError('Node.js WG advisory without id or module_name', where);
  const id = `NSWG-ECO-${a.id}`;
  const added = sink.vuln({
    id,
    aliases: (a.cves ?? []).filter((c) => typeof c === 'string'),
    title: a.title?.trim() || undefined,
    description: a.overview?.trim() || undefined,
    cvss: a.cvss_vector ? [{ vector: a.cvss_vector }] : [],
    references: (Array.isArray(a.references) ? a.references : a.references ? [a.references] : []).filter((r) => /^https?:/.test(r)),
    published: a.publish_date,
    modified: a.updated_at,
  });
  if (!added) return false;
  const vulnerable = String(a.vulnerable_versions ?? '').trim();
  const patched = String(a.patched_versions ?? '').trim();
  sink.affected({
    vulnId: id,
    namespace: 'npm',
    package: a.module_name,
    ranges: [{ type: 'native', affected: vulnerable ? [vulnerable] : undefined, unaffected: patched && patched !== '<0.0.0' ? [patched] : undefined }],
    fixed: fixedFromRanges(patched ? [patched] : []),
  });
  return true;
}

/**
 * Lower bounds of "fixed" ranges: ">= 4.17.5", "^2.0.1 || >=3.1.0", "~> 2.0.9, >= 2.0.9.1" → the
 * versions. In a conjunction the ">=" bound is the tight one ("~> 2.0.9, >= 2.0.9.1" → 2.0.9.1).
 */
export function fixedFromRanges(ranges: string[]): string[] {
  const out: string[] = [];
  for (const r of ranges) {
    for (const alt of r.split('||')) {
      const parts = alt.split(/,|\s+(?=[<>=~^])/).map((p) => p.trim()).filter(Boolean);
      const lower = parts.filter((p) => !p.startsWith('<') && !p.startsWith('!='));
      const pick = lower.find((p) => p.startsWith('>=')) ?? lower[0];
      const m = pick && /^(?:>=|\^|~>|~|==?)?\s*v?(\d[\w.+-]*)/.exec(pick);
      if (m) out.push(m[1]);
    }
  }
  return [...new Set(out)];
}

export const feed: Feed = {
  id,
  parseDocument: (doc, where, sink) =>
    looksLikeWgAdvisory(doc) ? (parseWgAdvisory(doc, where, sink) ? 1 : 0) : looksLikeWgIndex(doc) ? parseWgIndex(doc, where, sink) : undefined,
};

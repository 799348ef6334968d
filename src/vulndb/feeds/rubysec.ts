import { parseSeverity } from '../../core/severity.js';
import type { FeedSink } from '../types.js';
import { FeedError } from './errors.js';
import { fixedFromRanges } from './nodejs-wg.js';
import type { Feed } from './feed.js';

/**
 * ruby-advisory-db's native YAML (`gems/<gem>/<ID>.yml`): `gem`, `cve`/`ghsa`/`osvdb`,
 * `patched_versions` and `unaffected_versions` as RubyGems requirements, `cvss_v2/v3/v4` scores or
 * vectors, `criticality`. The ID is CVE-… when there is one, else GHSA-…, else OSVDB-….
 * `rubies/` (interpreters, not gems) are outside the RubyGems ecosystem and skipped.
 */
export const id = 'rubysec';

interface RubyAdvisory {
  gem?: string;
  engine?: string;
  cve?: string;
  ghsa?: string;
  osvdb?: string | number;
  url?: string;
  title?: string;
  date?: string | Date;
  description?: string;
  cvss_v2?: number | string;
  cvss_v3?: number | string;
  cvss_v4?: number | string;
  criticality?: string;
  patched_versions?: string[];
  unaffected_versions?: string[];
  related?: { url?: string[] };
}

export function looksLikeRubySec(doc: unknown): boolean {
  const d = doc as RubyAdvisory | null;
  return !!d && typeof d === 'object' && (typeof d.gem === 'string' || typeof d.engine === 'string') && ('patched_versions' in d || 'unaffected_versions' in d || 'cve' in d || 'ghsa' in d);
}

export function parseRubySec(doc: unknown, where: string, sink: FeedSink): boolean {
  const a = doc as RubyAdvisory;
  if (!a.gem) return false; // rubies/<engine>: interpreters
  const ids = [a.cve ? `CVE-${a.cve}` : '', a.ghsa ? `GHSA-${a.ghsa}` : '', a.osvdb ? `OSVDB-${a.osvdb}` : ''].filter(Boolean);
  if (ids.length === 0) throw new FeedError('RubySec advisory without cve, ghsa or osvdb', where);
  const [id, ...aliases] = ids;
  const cvss: { vector: string }[] = [];
  const bare: { version: string; score: number }[] = [];
  for (const [k, version] of [['cvss_v2', '2.0'], ['cvss_v3', '3.1'], ['cvss_v4', '4.0']] as const) {
    const v = a[k];
    if (typeof v === 'string' && v.includes('/')) cvss.push({ vector: v });
    else if (v !== undefined && v !== null && !Number.isNaN(Number(v))) bare.push({ version, score: Number(v) });
  }
  const added = sink.vuln({
    id,
    aliases,
    title: a.title?.trim() || undefined,
    description: a.description?.trim() || undefined,
    vendorSeverity: a.criticality ? parseSeverity(a.criticality) : undefined,
    cvss,
    bareScores: bare,
    references: [a.url, ...(a.related?.url ?? [])].filter((u): u is string => typeof u === 'string'),
    published: a.date instanceof Date ? a.date.toISOString().slice(0, 10) : a.date ? String(a.date) : undefined,
  }, { shared: true });
  if (!added) return false;
  const patched = (a.patched_versions ?? []).map(String);
  const unaffected = (a.unaffected_versions ?? []).map(String);
  sink.affected({
    vulnId: id,
    namespace: 'RubyGems',
    package: a.gem,
    ranges: [{ type: 'native', unaffected: [...patched, ...unaffected] }],
    fixed: fixedFromRanges(patched),
  });
  return true;
}

export const feed: Feed = { id, parseDocument: (doc, where, sink) => (looksLikeRubySec(doc) ? (parseRubySec(doc, where, sink) ? 1 : 0) : undefined) };

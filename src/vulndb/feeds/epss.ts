import type { FeedSink } from '../types.js';
import { FeedError } from './errors.js';
import type { Feed } from './feed.js';

/**
 * FIRST EPSS scores (https://www.first.org/epss/data_stats): the daily CSV
 * (`#model_version:…,score_date:2025-02-20T00:00:00+0000`, then `cve,epss,percentile`), plain or
 * gzipped, and vunnel's epss provider records `{identifier, item: {cve, epss, percentile, date}}`.
 */
export const id = 'epss';

export function looksLikeEpssCsv(text: string): boolean {
  const lines = text.slice(0, 512).split('\n', 3).map((l) => l.trim());
  const header = lines[0]?.startsWith('#') ? lines[1] : lines[0];
  return /^cve,epss,percentile$/i.test(header ?? '') || (lines[0]?.startsWith('#model_version') ?? false);
}

export function parseEpssCsv(text: string, where: string, sink: FeedSink): number {
  const lines = text.split('\n');
  let i = 0;
  let date: string | undefined;
  if (lines[0]?.startsWith('#')) {
    date = /score_date:(\d{4}-\d{2}-\d{2})/.exec(lines[0])?.[1];
    i = 1;
  }
  const header = (lines[i] ?? '').trim().toLowerCase().split(',');
  const [ci, si, pi] = ['cve', 'epss', 'percentile'].map((h) => header.indexOf(h));
  if (ci < 0 || si < 0 || pi < 0) throw new FeedError(`EPSS CSV: header "${(lines[i] ?? '').trim()}" lacks cve,epss,percentile`, `${where}:${i + 1}`);
  let n = 0;
  for (let j = i + 1; j < lines.length; j++) {
    const line = lines[j].trim();
    if (!line) continue;
    const f = line.split(',');
    const score = Number(f[si]);
    const percentile = Number(f[pi]);
    if (!/^CVE-\d+-\d+$/.test(f[ci] ?? '') || !Number.isFinite(score) || !Number.isFinite(percentile)) {
      throw new FeedError(`EPSS CSV: cannot read "${line.slice(0, 80)}"`, `${where}:${j + 1}`);
    }
    sink.epss({ cve: f[ci], score, percentile, date });
    n++;
  }
  return n;
}

/** vunnel's epss record: item {cve, epss, percentile, date}. */
export function looksLikeVunnelEpss(doc: unknown): boolean {
  const item = (doc as { item?: Record<string, unknown> } | null)?.item;
  return !!item && typeof item === 'object' && typeof item.cve === 'string' && typeof item.epss === 'number' && 'percentile' in item;
}

export function parseVunnelEpss(doc: unknown, where: string, sink: FeedSink): number {
  const item = (doc as { item: { cve: string; epss: number; percentile: unknown; date?: unknown } }).item;
  if (typeof item.percentile !== 'number') throw new FeedError(`EPSS record ${item.cve}: percentile is not a number`, where);
  sink.epss({ cve: item.cve, score: item.epss, percentile: item.percentile, date: typeof item.date === 'string' ? item.date : undefined });
  return 1;
}

export const feed: Feed = {
  id,
  parseDocument: (doc, where, sink) => (looksLikeVunnelEpss(doc) ? parseVunnelEpss(doc, where, sink) : undefined),
  parseText: (text, where, sink) => (looksLikeEpssCsv(text) ? parseEpssCsv(text, where, sink) : undefined),
};

import type { FeedSink, KevEntry } from '../types.js';
import { FeedError } from './errors.js';
import type { Feed } from './feed.js';

/**
 * CISA's Known Exploited Vulnerabilities catalogue
 * (https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json:
 * `{catalogVersion, vulnerabilities: [{cveID, dateAdded, dueDate, …}]}`), one entry alone, and
 * vunnel's kev provider records `{identifier: "kev:cve-…", item: {cveID, …}}`.
 */
export const id = 'kev';

const isEntry = (v: unknown): boolean => !!v && typeof v === 'object' && typeof (v as { cveID?: unknown }).cveID === 'string' && 'dateAdded' in (v as object);

export function looksLikeKev(doc: unknown): boolean {
  const d = doc as { catalogVersion?: unknown; vulnerabilities?: unknown; item?: unknown } | null;
  if (!d || typeof d !== 'object') return false;
  if (typeof d.catalogVersion === 'string' && Array.isArray(d.vulnerabilities)) return true;
  return isEntry(d) || isEntry(d.item);
}

export function parseKev(doc: unknown, where: string, sink: FeedSink): number {
  const d = doc as { vulnerabilities?: unknown[]; item?: unknown };
  const list = Array.isArray(d.vulnerabilities) ? d.vulnerabilities : [isEntry(d.item) ? d.item : d];
  let n = 0;
  for (const [i, raw] of list.entries()) {
    const e = raw as Record<string, unknown>;
    const s = (k: string) => (typeof e?.[k] === 'string' && (e[k] as string).trim() ? (e[k] as string).trim() : undefined);
    const cve = s('cveID');
    const dateAdded = s('dateAdded');
    if (!cve || !/^CVE-\d+-\d+$/.test(cve) || !dateAdded) throw new FeedError(`KEV entry ${i}: needs cveID and dateAdded`, where);
    const entry: KevEntry = {
      cve,
      dateAdded,
      dueDate: s('dueDate'),
      vendorProject: s('vendorProject'),
      product: s('product'),
      name: s('vulnerabilityName'),
      requiredAction: s('requiredAction'),
      knownRansomwareCampaignUse: s('knownRansomwareCampaignUse'),
    };
    sink.kev(entry);
    n++;
  }
  return n;
}

export const feed: Feed = { id, parseDocument: (doc, where, sink) => (looksLikeKev(doc) ? parseKev(doc, where, sink) : undefined) };

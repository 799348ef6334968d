import type { Enrichment, FeedSink } from '../types.js';
import { FeedError } from './errors.js';
import type { Feed } from './feed.js';

/**
 * General CVE sources, kept apart from the advisory feeds as enrichment: a finding uses them only
 * where its own feed gave no severity, title or description (docs/vulndb.md, "Severity").
 *
 * - NVD API 2.0: a response page `{format: "NVD_CVE", vulnerabilities: [{cve}]}`, one `{cve}`
 *   item, or vunnel's nvd provider envelope `{identifier, item: {cve}}`. CVSS from
 *   `metrics.cvssMetricV40 / V31 / V30 / V2` (the NVD's own "Primary" entries first).
 * - CVE JSON 5 (cvelistV5): `{dataType: "CVE_RECORD", cveMetadata, containers: {cna, adp}}`;
 *   the CNA's title, description and metrics, then the ADP containers' (CISA-ADP scores).
 *   REJECTED records are skipped.
 */
export const id = 'nvd';

type NvdMetric = { cvssData?: { vectorString?: unknown }; type?: unknown; source?: unknown };
interface NvdCve {
  id?: unknown;
  descriptions?: { lang?: unknown; value?: unknown }[];
  metrics?: Record<string, NvdMetric[] | undefined>;
  published?: unknown;
  lastModified?: unknown;
  vulnStatus?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const isCve = (v: unknown): v is NvdCve => !!v && typeof v === 'object' && typeof (v as NvdCve).id === 'string' && /^CVE-\d+-\d+$/.test((v as { id: string }).id) && ('descriptions' in v || 'metrics' in v);

export function looksLikeNvd(doc: unknown): boolean {
  const d = doc as { format?: unknown; vulnerabilities?: unknown; cve?: unknown; item?: { cve?: unknown } } | null;
  if (!d || typeof d !== 'object') return false;
  if (d.format === 'NVD_CVE' && Array.isArray(d.vulnerabilities)) return true;
  return isCve(d.cve) || isCve(d.item?.cve);
}

export function looksLikeCve5(doc: unknown): boolean {
  const d = doc as { dataType?: unknown; cveMetadata?: unknown } | null;
  return !!d && typeof d === 'object' && d.dataType === 'CVE_RECORD' && !!d.cveMetadata;
}

export function parseNvd(doc: unknown, where: string, sink: FeedSink): number {
  const d = doc as { vulnerabilities?: { cve?: unknown }[]; cve?: unknown; item?: { cve?: unknown } };
  const items = Array.isArray(d.vulnerabilities) ? d.vulnerabilities.map((v) => v?.cve) : [d.cve ?? d.item?.cve];
  let n = 0;
  for (const [i, cve] of items.entries()) {
    if (!isCve(cve)) throw new FeedError(`NVD record ${i}: no CVE id`, where);
    if (str(cve.vulnStatus)?.toLowerCase() === 'rejected') continue;
    const metrics = cve.metrics ?? {};
    const cvss: Enrichment['cvss'] = [];
    for (const key of ['cvssMetricV40', 'cvssMetricV31', 'cvssMetricV30', 'cvssMetricV2']) {
      // NVD's own assessment ("Primary") before the CNA's ("Secondary").
      const list = [...(metrics[key] ?? [])].sort((a, b) => (a.type === 'Primary' ? 0 : 1) - (b.type === 'Primary' ? 0 : 1));
      for (const m of list) {
        const vector = str(m?.cvssData?.vectorString);
        if (vector) cvss.push({ vector, source: str(m.source) });
      }
    }
    sink.enrich({
      id: cve.id as string,
      source: 'nvd',
      description: str((cve.descriptions ?? []).find((x) => x?.lang === 'en')?.value),
      cvss,
      published: str(cve.published),
      modified: str(cve.lastModified),
    });
    n++;
  }
  return n;
}

interface Cve5Container {
  title?: unknown;
  descriptions?: { lang?: unknown; value?: unknown }[];
  metrics?: Record<string, { vectorString?: unknown } | undefined>[];
  providerMetadata?: { shortName?: unknown };
}

export function parseCve5(doc: unknown, where: string, sink: FeedSink): number {
  const d = doc as { cveMetadata?: { cveId?: unknown; state?: unknown; datePublished?: unknown; dateUpdated?: unknown }; containers?: { cna?: Cve5Container; adp?: Cve5Container[] } };
  const cveId = str(d.cveMetadata?.cveId);
  if (!cveId) throw new FeedError('CVE JSON 5 record without cveMetadata.cveId', where);
  if (str(d.cveMetadata?.state) === 'REJECTED') return 0;
  const containers = [d.containers?.cna, ...(d.containers?.adp ?? [])].filter((c): c is Cve5Container => !!c && typeof c === 'object');
  const cvss: Enrichment['cvss'] = [];
  for (const c of containers) {
    for (const m of c.metrics ?? []) {
      for (const key of ['cvssV4_0', 'cvssV3_1', 'cvssV3_0', 'cvssV2_0']) {
        const vector = str(m?.[key]?.vectorString);
        if (vector) cvss.push({ vector, source: str(c.providerMetadata?.shortName) });
      }
    }
  }
  const en = (c: Cve5Container | undefined) => str((c?.descriptions ?? []).find((x) => typeof x?.lang === 'string' && x.lang.startsWith('en'))?.value);
  sink.enrich({
    id: cveId,
    source: 'cve',
    title: str(d.containers?.cna?.title),
    description: en(d.containers?.cna) ?? containers.map(en).find(Boolean),
    cvss,
    published: str(d.cveMetadata?.datePublished),
    modified: str(d.cveMetadata?.dateUpdated),
  });
  return 1;
}

export const feed: Feed = {
  id,
  parseDocument: (doc, where, sink) => (looksLikeNvd(doc) ? parseNvd(doc, where, sink) : looksLikeCve5(doc) ? parseCve5(doc, where, sink) : undefined),
};

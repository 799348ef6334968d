import type { Severity } from '../core/severity.js';
import { preferredScore, type CvssScore } from '../vulndb/cvss.js';
import type { EpssScore, KevDetails, VulnDb, VulnDetails } from '../vulndb/store.js';

/** Where a finding's severity came from (docs/vulndb.md, "Severity"). */
export type SeveritySource = 'vendor' | 'cvss' | 'nvd' | 'cve';

export interface Enriched {
  severity: Severity;
  severitySource?: SeveritySource;
  cvss: CvssScore[];
  title?: string;
  description?: string;
  epss?: EpssScore;
  kev?: KevDetails;
}

const CVE = /^CVE-\d+-\d+$/;

/**
 * Severity, scores and text for one finding, in this order of precedence:
 * 1. the vendor's rating for the matched release (distro row), then the record's own vendor rating;
 * 2. the record's own CVSS vectors (or those borrowed at build time from a record naming it);
 * 3. NVD, then CVE JSON 5, for the CVE itself or the first CVE among its aliases.
 * Title and description come from the record, else from NVD / CVE JSON 5. EPSS (the highest among
 * the CVEs it names) and KEV membership are attached when the DB has them.
 */
export function enrich(db: VulnDb, id: string, v: VulnDetails | undefined, rowSeverity: Severity | undefined): Enriched {
  const cves = [id, ...(v?.aliases ?? [])].filter((x) => CVE.test(x));
  const extra = cves.map((c) => db.enrichment(c)).find((e) => e !== undefined);
  const own = v?.cvss ?? [];
  const out: Enriched = { severity: 'UNKNOWN', cvss: own.length ? own : extra?.cvss ?? [] };
  const vendor = rowSeverity && rowSeverity !== 'UNKNOWN' ? rowSeverity : v?.vendorSeverity && v.vendorSeverity !== 'UNKNOWN' ? v.vendorSeverity : undefined;
  const ownScore = v && v.severity !== 'UNKNOWN' ? v.severity : preferredScore(own)?.severity;
  if (vendor) {
    out.severity = vendor;
    out.severitySource = 'vendor';
  } else if (ownScore && ownScore !== 'UNKNOWN') {
    out.severity = ownScore;
    out.severitySource = 'cvss';
  } else if (extra && extra.severity !== 'UNKNOWN') {
    out.severity = extra.severity;
    out.severitySource = extra.source;
  }
  out.title = v?.title || extra?.title;
  out.description = v?.description || extra?.description;
  let best: EpssScore | undefined;
  for (const c of cves) {
    const e = db.epss(c);
    if (e && (!best || e.score > best.score)) best = e;
    out.kev ??= db.kev(c);
  }
  if (best) out.epss = best;
  if (!out.kev) delete out.kev;
  return out;
}

import type { Severity } from '../core/severity.js';

/**
 * The feed-neutral model every feed module produces and the store keeps. One vulnerability
 * record (`VulnRecord`) and any number of `AffectedEntry` rows, each for one
 * (namespace, package): the namespace is an OSV ecosystem ("npm", "Go", "PyPI") or a distro
 * release ("Debian:12", "Alpine:v3.19"; "Debian:*" applies to every release without its own row).
 */
export interface VulnRecord {
  id: string;
  aliases: string[];
  title?: string;
  description?: string;
  /** The data source's own rating (GHSA database_specific.severity, RubySec criticality…). */
  vendorSeverity?: Severity;
  /** CVSS vectors as the feed gives them; scores are computed at build time. */
  cvss: { vector: string; source?: string }[];
  /** Scores without vectors (RubySec gives cvss_v3: 7.5 only). */
  bareScores?: { version: string; score: number }[];
  references: string[];
  published?: string;
  modified?: string;
}

/** An OSV range (events evaluated by the version scheme), an exact list, or native range strings. */
export type RangeSpec =
  | { type: 'ECOSYSTEM' | 'SEMVER'; events: OsvEvent[] }
  | { type: 'versions'; versions: string[] }
  /** Vulnerable iff (no `affected` or some `affected` range holds) and no `unaffected` range holds. */
  | { type: 'native'; affected?: string[]; unaffected?: string[] };

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

/** Finding statuses (Trivy's vocabulary); `not_affected` only lives in the DB to mask wildcard rows. */
export type VulnStatus =
  | 'fixed'
  | 'affected'
  | 'will_not_fix'
  | 'fix_deferred'
  | 'end_of_life'
  | 'under_investigation'
  | 'not_affected';

export interface AffectedEntry {
  vulnId: string;
  namespace: string;
  /** Normalised per ecosystem (see normalizePackageName). */
  package: string;
  ranges: RangeSpec[];
  /** Distro rows state it; language rows leave it to the matcher (fixed if a fix applies). */
  status?: VulnStatus;
  /** Candidate fixed versions; the matcher reports the smallest one above the installed version. */
  fixed: string[];
  /** Per-release vendor rating (Debian urgency, …). */
  severity?: Severity;
  /** Raw vendor word when it says more than the severity ("unimportant", "no-dsa: Minor issue"). */
  note?: string;
  /** Distro advisories that shipped the fix (DSA-5523-1, DLA-…). */
  advisories?: string[];
  /** RHEL module stream the row applies to ("python38:3.8"); only packages of that stream match. */
  module?: string;
}

/** Text and scores for a CVE from a general source (NVD, CVE JSON 5), used when the finding's own feed has none. */
export interface Enrichment {
  id: string;
  /** "nvd" or "cve"; NVD wins over CVE JSON 5 for the same id. */
  source: 'nvd' | 'cve';
  title?: string;
  description?: string;
  cvss: { vector: string; source?: string }[];
  published?: string;
  modified?: string;
}

/** FIRST EPSS: the probability of exploitation activity in the next 30 days, and its percentile. */
export interface EpssEntry {
  cve: string;
  score: number;
  percentile: number;
  date?: string;
}

/** CISA Known Exploited Vulnerabilities catalogue entry. */
export interface KevEntry {
  cve: string;
  dateAdded: string;
  dueDate?: string;
  vendorProject?: string;
  product?: string;
  name?: string;
  requiredAction?: string;
  knownRansomwareCampaignUse?: string;
}

/** Where build output goes; feeds call it as they parse. */
export interface FeedSink {
  /**
   * Adds a record; `false` when another record already defined this id (the caller then drops its
   * rows). `shared`: the id legitimately recurs (a CVE across distro releases or several gems), so
   * rows are kept. `minimal`: a bare distro CVE entry that a later full record may replace.
   */
  vuln(rec: VulnRecord, opts?: { shared?: boolean; minimal?: boolean }): boolean;
  affected(a: AffectedEntry): void;
  /** NVD / CVE JSON 5 text and scores for a CVE. */
  enrich(e: Enrichment): void;
  epss(e: EpssEntry): void;
  kev(e: KevEntry): void;
  warn(what: string, where: string): void;
}

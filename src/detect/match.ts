import type { VersionScheme } from '../versions/types.js';
import { isAffectedByOsvRanges } from '../versions/index.js';
import type { AffectedRow } from '../vulndb/store.js';
import type { RangeSpec, VulnStatus } from '../vulndb/types.js';
import type { Severity } from '../core/severity.js';

/** The verdict for one (package, vulnerability). */
export interface MatchResult {
  status: Exclude<VulnStatus, 'not_affected'>;
  fixedVersion?: string;
  severity?: Severity;
  note?: string;
  advisories: string[];
}

/** Advisory ranges the scheme could not read; reported once per scan, never a match. */
export interface RangeErrors {
  count: number;
  example?: string;
}

export function rangeMatches(scheme: VersionScheme, version: string, r: RangeSpec): boolean {
  switch (r.type) {
    case 'ECOSYSTEM':
    case 'SEMVER':
      return isAffectedByOsvRanges(scheme, version, r.events);
    case 'versions':
      // OSV enumerates the exact version strings the registry publishes: compare as strings
      // (parsing hundreds of listed versions per advisory would dominate the scan).
      return r.versions.includes(version) || (version.startsWith('v') && r.versions.includes(version.slice(1)));
    case 'native': {
      if (r.affected?.length && !r.affected.some((a) => scheme.satisfies(version, a))) return false;
      return !(r.unaffected ?? []).some((u) => scheme.satisfies(version, u));
    }
  }
}

function safeCompare(scheme: VersionScheme, a: string, b: string): number | undefined {
  try {
    return scheme.compare(a, b);
  } catch {
    return undefined;
  }
}

/** The smallest candidate above the installed version (the upgrade that fixes it). */
export function pickFix(scheme: VersionScheme, version: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  for (const c of candidates) {
    const cmp = safeCompare(scheme, c, version);
    if (cmp === undefined || cmp <= 0) continue;
    if (best === undefined || (safeCompare(scheme, c, best) ?? 1) < 0) best = c;
  }
  return best;
}

function anyRange(scheme: VersionScheme, version: string, row: AffectedRow, errors: RangeErrors): boolean {
  for (const r of row.ranges) {
    try {
      if (rangeMatches(scheme, version, r)) return true;
    } catch {
      errors.count++;
      errors.example ??= row.vulnId;
    }
  }
  return false;
}

/**
 * Language rows: each row stands alone (an advisory may list the package twice, once per
 * branch); the fix reported is the smallest fixed version above the installed one among the
 * rows that matched.
 */
export function matchLanguage(scheme: VersionScheme, version: string, rows: AffectedRow[], errors: RangeErrors): MatchResult | undefined {
  const hits = rows.filter((r) => anyRange(scheme, version, r, errors));
  if (hits.length === 0) return undefined;
  const fixedVersion = pickFix(scheme, version, hits.flatMap((r) => r.fixed));
  return {
    status: fixedVersion ? 'fixed' : 'affected',
    fixedVersion,
    severity: hits.find((r) => r.severity && r.severity !== 'UNKNOWN')?.severity,
    advisories: [],
  };
}

/**
 * Distro rows for one CVE and source package: rows for the image's release win over the
 * release-less "Debian:*" rows; a stated fix decides (vulnerable below it); otherwise
 * `not_affected` masks, and an open status (affected, fix_deferred, end_of_life…) matches.
 */
export function matchDistro(scheme: VersionScheme, version: string, rows: AffectedRow[], errors: RangeErrors): MatchResult | undefined {
  // OSV records for a distro release (AlmaLinux, Rocky, osv.dev's Debian/Alpine) state no status: ranges decide.
  if (rows.every((r) => r.status === undefined)) return matchLanguage(scheme, version, rows, errors);
  const specific = rows.filter((r) => !r.namespace.endsWith(':*'));
  const use = specific.length ? specific : rows;
  const severity = [...use, ...rows].find((r) => r.severity && r.severity !== 'UNKNOWN')?.severity;
  const note = use.find((r) => r.note)?.note;
  const advisories = [...new Set(use.flatMap((r) => r.advisories))];
  const fixes = use.filter((r) => r.status === 'fixed').flatMap((r) => r.fixed);
  // Fixes for several module streams (postgresql:10, :12…) and a package whose stream nobody
  // stated: the nearest fix above its version is its stream's.
  if (fixes.length && new Set(use.map((r) => r.module ?? '')).size > 1) {
    const fixedVersion = pickFix(scheme, version, fixes);
    return fixedVersion ? { status: 'fixed', fixedVersion, severity, note, advisories } : undefined;
  }
  if (fixes.length) {
    let min: string | undefined;
    for (const f of fixes) {
      try {
        if (min === undefined || scheme.compare(f, min) < 0) min = f;
      } catch {
        errors.count++;
        errors.example ??= use[0].vulnId;
      }
    }
    if (min === undefined) return undefined;
    let below: boolean;
    try {
      below = scheme.compare(version, min) < 0;
    } catch {
      return undefined;
    }
    if (!below) return undefined;
    // A fixed row that states its vulnerable range (Mariner's "> 1.19.0, < 1.20.7-1") also
    // bounds it from below.
    const fixedRows = use.filter((r) => r.status === 'fixed');
    const bounded = fixedRows.every((r) => r.ranges.some((x) => x.type === 'native'));
    if (bounded && !fixedRows.some((r) => anyRange(scheme, version, r, errors))) return undefined;
    return { status: 'fixed', fixedVersion: min, severity, note, advisories };
  }
  if (use.some((r) => r.status === 'not_affected')) return undefined;
  const open = use.find((r) => r.status && r.status !== 'fixed' && anyRange(scheme, version, r, errors));
  if (!open) return undefined;
  return { status: open.status as MatchResult['status'], severity, note: open.note ?? note, advisories };
}

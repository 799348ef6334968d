import type { Severity } from '../../core/severity.js';
import type { VulnStatus } from '../types.js';

/** Debian urgency → severity: "low**" (taken from NVD) counts like "low"; "unimportant" is LOW. */
export function urgencySeverity(urgency: string | undefined): Severity | undefined {
  const u = String(urgency ?? '').replace(/\*+$/, '').trim().toLowerCase();
  switch (u) {
    case 'unimportant':
    case 'low':
      return 'LOW';
    case 'medium':
      return 'MEDIUM';
    case 'high':
      return 'HIGH';
    default:
      return undefined; // "not yet assigned", "end-of-life", ""
  }
}

/**
 * Tracker states for a release that has no fix: `<no-dsa>` (minor, left for a point release),
 * `<postponed>`, `<ignored>`, `<end-of-life>` (the package lost security support), `<unfixed>`.
 */
export function unfixedStatus(kind: string | undefined): VulnStatus {
  switch (String(kind ?? '').toLowerCase()) {
    case 'no-dsa':
    case 'nodsa':
    case 'postponed':
      return 'fix_deferred';
    case 'ignored':
      return 'will_not_fix';
    case 'end-of-life':
      return 'end_of_life';
    case 'undetermined':
      return 'under_investigation';
    default:
      return 'affected';
  }
}

export const trackerUrl = (id: string) => `https://security-tracker.debian.org/tracker/${id}`;

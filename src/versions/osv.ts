/**
 * OSV `affected[].ranges[]` of type ECOSYSTEM or SEMVER: whether a version falls inside the
 * events `introduced` / `fixed` / `last_affected` / `limit`, following the evaluation the OSV
 * schema specifies: events sorted by version (`introduced: "0"` first), a version becomes affected
 * at an `introduced` at or below it and unaffected at a `fixed` at or below it or a
 * `last_affected` below it; `limit` events (when present) cap the whole range. Several
 * introduced/fixed pairs and unsorted events are handled.
 */
import { VersionError, type VersionScheme } from './types.js';

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: string; // ECOSYSTEM | SEMVER | GIT
  events: OsvEvent[];
}

type Kind = 'introduced' | 'fixed' | 'last_affected' | 'limit';
const KINDS: Kind[] = ['introduced', 'fixed', 'last_affected', 'limit'];

function kindOf(scheme: VersionScheme, e: OsvEvent): [Kind, string] {
  const present = KINDS.filter((k) => e[k] !== undefined);
  if (present.length !== 1) {
    throw new VersionError(scheme.id, JSON.stringify(e), 'an OSV event must have exactly one of introduced, fixed, last_affected, limit');
  }
  const k = present[0]!;
  return [k, String(e[k])];
}

/**
 * Whether `version` is affected by one OSV range's events. Throws VersionError when the version or
 * any event version is not valid in the scheme (the matcher reports that as "unknown version").
 */
export function isAffectedByOsvRanges(scheme: VersionScheme, version: string, events: OsvEvent[]): boolean {
  scheme.validate(version);
  const parsed = events.map((e) => kindOf(scheme, e));
  // "0" means "from the very beginning"; "*" as limit means "no limit".
  const isZero = ([k, v]: [Kind, string]) => k === 'introduced' && v === '0';
  const isStar = ([k, v]: [Kind, string]) => k === 'limit' && v === '*';
  for (const p of parsed) if (!isZero(p) && !isStar(p)) scheme.validate(p[1]);

  const limits = parsed.filter(([k]) => k === 'limit');
  if (limits.length > 0 && !limits.some((l) => isStar(l) || scheme.compare(version, l[1]) < 0)) return false;

  const ordered = parsed
    .filter(([k]) => k !== 'limit')
    .sort((a, b) => {
      if (isZero(a) || isZero(b)) return isZero(a) === isZero(b) ? 0 : isZero(a) ? -1 : 1;
      const c = scheme.compare(a[1], b[1]);
      // Same version: the introduced event first, so introduced X + fixed X is an empty range.
      return c !== 0 ? c : (a[0] === 'introduced' ? 0 : 1) - (b[0] === 'introduced' ? 0 : 1);
    });
  let affected = false;
  for (const p of ordered) {
    const [k, v] = p;
    if (k === 'introduced') {
      if (isZero(p) || scheme.compare(version, v) >= 0) affected = true;
    } else if (k === 'fixed') {
      if (scheme.compare(version, v) >= 0) affected = false;
    } else if (k === 'last_affected') {
      if (scheme.compare(version, v) > 0) affected = false;
    }
  }
  return affected;
}

/** Any of an `affected[]` entry's ECOSYSTEM/SEMVER ranges (GIT ranges name commits, not versions, and are skipped). */
export function isAffectedByOsvAffected(scheme: VersionScheme, version: string, ranges: OsvRange[]): boolean {
  let hit = false;
  for (const r of ranges) {
    if (r.type !== 'ECOSYSTEM' && r.type !== 'SEMVER') continue;
    if (isAffectedByOsvRanges(scheme, version, r.events)) hit = true;
  }
  return hit;
}

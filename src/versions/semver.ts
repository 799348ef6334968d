/**
 * Semantic Versioning 2.0.0 with npm's range syntax (`^1.2.3`, `~1.2`, `1.x`, `>=1.0.0 <2.0.0`,
 * `1.2.3 - 1.4`, `||`), through the `semver` package npm itself uses.
 *
 * One deliberate difference from npm's install-time resolution: pre-releases are included
 * (`includePrerelease`), because a scanner asks "is 2.0.0-rc.1 inside `<2.0.0`?", and it is.
 */
import semverLib from 'semver';
import { VersionError, VersionRangeError, type VersionScheme } from './types.js';
import { matchComparators, parseComparatorList } from './comparators.js';

const ID = 'semver';
const OPTS = { includePrerelease: true, loose: false } as const;

/** Returns the normalised version; a leading "v" or "=" is tolerated as npm does. */
export function parseSemver(v: string, scheme = ID): string {
  if (typeof v !== 'string' || v.trim() === '') throw new VersionError(scheme, String(v), 'version string is empty');
  const parsed = semverLib.parse(v.trim(), OPTS);
  if (!parsed) throw new VersionError(scheme, v, 'not a semantic version MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]');
  return parsed.version;
}

export function compareSemver(a: string, b: string): number {
  return semverLib.compare(parseSemver(a), parseSemver(b), OPTS);
}

/**
 * The generic comparator list when every comparator names a full version and a comma is present
 * (npm ranges never use commas), otherwise an npm range.
 */
export function satisfiesNpmRange(v: string, range: string, scheme = ID): boolean {
  const version = parseSemver(v, scheme);
  const trimmed = range.trim();
  if (trimmed === '') throw new VersionRangeError(scheme, range, 'empty range (use "*" for any version)');
  if (trimmed.includes(',')) {
    const set = parseComparatorList(trimmed);
    if (!set) throw new VersionRangeError(scheme, range, 'expected comparators such as ">= 1.2.0, < 1.3.0"');
    return matchComparators((a, b) => semverLib.compare(parseSemver(a, scheme), parseSemver(b, scheme), OPTS), version, set);
  }
  let r: semverLib.Range;
  try {
    r = new semverLib.Range(trimmed, OPTS);
  } catch (e) {
    throw new VersionRangeError(scheme, range, (e as Error).message);
  }
  return r.test(version);
}

export const semver: VersionScheme = {
  id: ID,
  validate: (v) => void parseSemver(v),
  compare: compareSemver,
  satisfies: (v, range) => satisfiesNpmRange(v, range),
};

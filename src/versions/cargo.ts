/**
 * Cargo (crates.io) versions: strict Semantic Versioning 2.0.0, with Cargo's requirement syntax:
 * comma-separated comparators where a bare `1.2.3` means `^1.2.3`, `^`, `~`, `=`, `<`, `<=`, `>`,
 * `>=`, wildcards `*`, `1.*`, `1.2.*`, and partial versions (`>=1.2` = `>=1.2.0`, `=1.2` = `1.2.*`).
 * The operators have the same meaning as npm's, so a requirement is rewritten into an npm range and
 * evaluated by the `semver` package. Pre-releases are included (a scanner's question, see semver.ts).
 * The generic `||` (or) is accepted too.
 */
import semverLib from 'semver';
import { VersionError, VersionRangeError, type VersionScheme } from './types.js';

const ID = 'cargo';
const OPTS = { includePrerelease: true } as const;

export function parseCargo(v: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new VersionError(ID, String(v), 'version string is empty');
  const s = v.trim();
  // Cargo has no "v" prefix and no loose forms.
  if (!/^\d/.test(s) || !semverLib.valid(s)) {
    throw new VersionError(ID, v, 'not a semantic version MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]');
  }
  return semverLib.parse(s)!.version;
}

export function compareCargo(a: string, b: string): number {
  return semverLib.compare(parseCargo(a), parseCargo(b));
}

const PART = '(?:0|[1-9]\\d*|\\*|x|X)';
const COMPARATOR = new RegExp(
  `^(=|==|>=|<=|>|<|~|\\^)?\\s*(${PART}(?:\\.${PART}(?:\\.${PART}(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?)?)?)$`,
);

/** Cargo requirement → npm range (same semantics per operator; bare means caret). */
export function cargoToNpmRange(req: string): string {
  return req
    .split('||')
    .map((alt) => {
      const parts = alt.split(',').map((p) => p.trim());
      return parts
        .map((p) => {
          if (p === '*') return '*';
          const m = COMPARATOR.exec(p);
          if (!m) throw new VersionRangeError(ID, req, `cannot read comparator "${p}"`);
          const op = m[1] === '==' ? '=' : (m[1] ?? '^');
          return `${op}${m[2]}`;
        })
        .join(' ');
    })
    .join(' || ');
}

export const cargo: VersionScheme = {
  id: ID,
  validate: (v) => void parseCargo(v),
  compare: compareCargo,
  satisfies(v, range) {
    const version = parseCargo(v);
    if (range.trim() === '') throw new VersionRangeError(ID, range, 'empty requirement (use "*" for any version)');
    const npmRange = cargoToNpmRange(range);
    try {
      return new semverLib.Range(npmRange, OPTS).test(version);
    } catch (e) {
      throw new VersionRangeError(ID, range, (e as Error).message);
    }
  },
};

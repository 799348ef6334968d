/**
 * Go module versions: semantic versions with a `v` prefix (`v1.2.3`), pseudo-versions
 * (`v0.0.0-20220314234659-1baeb1ce4c0b`, `v1.2.4-0.2022…-abc`, `v1.2.3-pre.0.2022…-abc`),
 * `+incompatible` for v2+ modules without go.mod, and Go toolchain versions (`go1.21.3`,
 * `go1.22rc1`) for the `stdlib` pseudo-package. OSV writes Go versions without the `v`; both are
 * accepted. Ordering is semver's (as golang.org/x/mod/semver): pseudo-versions are pre-releases
 * and sort where Go puts them; build metadata such as `+incompatible` is ignored.
 *
 * Ranges: the generic comparator list only (Go has no range syntax of its own).
 */
import semverLib from 'semver';
import { VersionError, type VersionScheme } from './types.js';
import { matchComparators, requireComparatorList } from './comparators.js';

const ID = 'golang';

/** Canonical semver text (without `v`) of a Go module or toolchain version. */
export function parseGo(v: string): string {
  const fail = (reason: string): never => {
    throw new VersionError(ID, String(v), reason);
  };
  if (typeof v !== 'string' || v.trim() === '') fail('version string is empty');
  const s = v.trim();
  // Go toolchain: go1, go1.21, go1.21.3, go1.22rc1, go1.9beta2.
  const tool = /^go(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(rc|beta|alpha)(\d+))?$/.exec(s);
  if (tool) {
    const [, maj, min = '0', patch = '0', pre, n] = tool;
    return `${maj}.${min}.${patch}${pre ? `-${pre}.${n}` : ''}`;
  }
  const m = /^v?(\d+)(?:\.(\d+)(?:\.(\d+))?)?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(s);
  if (!m) fail('not a Go module version vMAJOR.MINOR.PATCH[-PRERELEASE][+incompatible]');
  const [, maj, min, patch, pre = '', build = ''] = m!;
  // x/mod/semver accepts the shorthands v1 and v1.2 (= v1.0.0, v1.2.0) but only without suffixes.
  if ((min === undefined || patch === undefined) && (pre || build)) fail('a shorthand version (v1, v1.2) cannot carry a suffix');
  if (build && build !== '+incompatible') fail(`build metadata "${build}" is not allowed (only +incompatible)`);
  if (build && Number(maj) < 2) fail('+incompatible only applies to major versions 2 and above');
  const text = `${maj}.${min ?? '0'}.${patch ?? '0'}${pre}${build}`;
  const parsed = semverLib.parse(text);
  if (!parsed) fail('not a valid semantic version (leading zeros or empty pre-release identifiers)');
  return parsed!.version;
}

export function compareGo(a: string, b: string): number {
  return semverLib.compare(parseGo(a), parseGo(b));
}

/** Whether `v` is a pseudo-version (a commit, not a tag), as Go's module.IsPseudoVersion decides. */
export function isPseudoVersion(v: string): boolean {
  parseGo(v);
  return /^v?\d+\.\d+\.\d+-(?:(?:[0-9A-Za-z-]+\.)*0\.)?\d{14}-[0-9a-f]{12}(?:\+incompatible)?$/.test(v.trim());
}

export const golang: VersionScheme = {
  id: ID,
  validate: (v) => void parseGo(v),
  compare: compareGo,
  satisfies(v, range) {
    parseGo(v);
    return matchComparators(compareGo, v, requireComparatorList(ID, range, { bareIsEqual: true }));
  },
};

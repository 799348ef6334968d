/**
 * Debian package versions, `[epoch:]upstream[-revision]`, ordered exactly as dpkg orders them.
 *
 * Written by hand because no maintained JS library implements dpkg's ordering; this follows the
 * specification in deb-version(5) / Debian Policy §5.6.12 and is checked against
 * `dpkg --compare-versions` on thousands of real version pairs (dpkg.test.ts).
 */
import { VersionError, VersionRangeError, type VersionScheme } from './types.js';
import { matchComparators, parseComparatorList } from './comparators.js';

export interface DpkgVersion {
  epoch: number;
  upstream: string;
  revision: string;
}

const ID = 'dpkg';
const UPSTREAM_CHARS = /^[A-Za-z0-9.+~:-]*$/;
const REVISION_CHARS = /^[A-Za-z0-9.+~]*$/;

/**
 * Parses like dpkg's parseversion(). dpkg itself only warns (and goes on) when the upstream part
 * does not start with a digit or holds characters outside the allowed set; a scanner must not
 * guess, so those are errors here too.
 */
const cache = new Map<string, DpkgVersion>();

/** Parsed versions are cached (a scan compares the same few versions many times): treat them as read-only. */
export function parseDpkg(v: string): DpkgVersion {
  const hit = cache.get(v);
  if (hit) return hit;
  const parsed = parseDpkgUncached(v);
  if (cache.size > 10000) cache.clear();
  cache.set(v, parsed);
  return parsed;
}

function parseDpkgUncached(v: string): DpkgVersion {
  const fail = (reason: string): never => {
    throw new VersionError(ID, v, reason);
  };
  if (typeof v !== 'string') fail('not a string');
  const s = v.trim();
  if (s === '') fail('version string is empty');
  if (/\s/.test(s)) fail('version string has embedded spaces');
  let epoch = 0;
  let rest = s;
  const colon = s.indexOf(':');
  if (colon >= 0) {
    const e = s.slice(0, colon);
    if (e === '') fail('epoch in version is empty');
    if (!/^\d+$/.test(e)) fail('epoch in version is not a number');
    epoch = Number(e);
    if (epoch > 2147483647) fail('epoch in version is too big');
    rest = s.slice(colon + 1);
    if (rest === '') fail('nothing after colon in version number');
  }
  let upstream = rest;
  let revision = '';
  const hyphen = rest.lastIndexOf('-');
  if (hyphen >= 0) {
    upstream = rest.slice(0, hyphen);
    revision = rest.slice(hyphen + 1);
    if (revision === '') fail('revision number is empty');
  }
  if (upstream === '') fail('version number is empty');
  if (!/^\d/.test(upstream)) fail('version number does not start with digit');
  if (!UPSTREAM_CHARS.test(upstream)) fail('invalid character in version number');
  if (!REVISION_CHARS.test(revision)) fail('invalid character in revision number');
  return { epoch, upstream, revision };
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Weight of one non-digit character: '~' before end of string, end before letters, letters before the rest. */
function order(c: number): number {
  if (Number.isNaN(c) || isDigit(c)) return 0; // NaN: past the end of the string
  if (isAlpha(c)) return c;
  if (c === 126 /* ~ */) return -1;
  return c + 256;
}

/** dpkg's verrevcmp: alternating non-digit runs (by `order`) and digit runs (numerically, any length). */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const ac = order(a.charCodeAt(i));
      const bc = order(b.charCodeAt(j));
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a.charCodeAt(i) === 48) i++;
    while (b.charCodeAt(j) === 48) j++;
    while (isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      if (!firstDiff) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a.charCodeAt(i))) return 1;
    if (isDigit(b.charCodeAt(j))) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

export function compareDpkg(a: string, b: string): number {
  const va = parseDpkg(a);
  const vb = parseDpkg(b);
  if (va.epoch !== vb.epoch) return va.epoch > vb.epoch ? 1 : -1;
  const u = verrevcmp(va.upstream, vb.upstream);
  if (u !== 0) return Math.sign(u);
  return Math.sign(verrevcmp(va.revision, vb.revision));
}

/**
 * Ranges: the generic list (`>= 1.2-1, < 1.3`) plus Debian relation operators `<<` and `>>`.
 * A single `<` or `>` is strictly less / greater, as feeds mean it (in a Debian control file the
 * obsolete `<` meant `<=`; we never read control-file relations through this).
 */
export const dpkg: VersionScheme = {
  id: ID,
  validate: (v) => void parseDpkg(v),
  compare: compareDpkg,
  satisfies(v, range) {
    parseDpkg(v);
    const set = parseComparatorList(range, { extraOps: { '<<': '<', '>>': '>' }, bareIsEqual: true });
    if (!set) throw new VersionRangeError(ID, range, 'expected comparators such as ">= 1.2-1, << 1.3" (comma = and, || = or)');
    return matchComparators(compareDpkg, v, set);
  },
};

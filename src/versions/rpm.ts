/**
 * RPM versions, `[epoch:]version[-release]`, ordered exactly as rpm orders them (rpmvercmp and
 * rpm.vercmp of rpm 4.18: epoch, then version, then release), including `~` (sorts before
 * everything, even the end) and `^` (sorts after the end, before anything else).
 *
 * Written by hand because no maintained JS library implements rpm's ordering; this follows rpm's
 * documented algorithm (rpm.org "Package version comparison") and is checked against rpm's own
 * `rpm.vercmp` on real version pairs (rpm.test.ts).
 */
import { VersionError, VersionRangeError, type VersionScheme } from './types.js';
import { matchComparators, parseComparatorList } from './comparators.js';

const ID = 'rpm';

export interface RpmVersion {
  epoch: string | undefined;
  version: string;
  release: string | undefined;
}

// rpm accepts any printable character; the ones below are those real packages use. Anything else
// (spaces, quotes, brackets, control characters) is garbage for a scanner.
const ALLOWED = /^[A-Za-z0-9._+~^-]+$/;

const cache = new Map<string, RpmVersion>();

/** Parsed versions are cached (a scan compares the same few versions many times): treat them as read-only. */
export function parseRpm(v: string): RpmVersion {
  const hit = cache.get(v);
  if (hit) return hit;
  const parsed = parseRpmUncached(v);
  if (cache.size > 10000) cache.clear();
  cache.set(v, parsed);
  return parsed;
}

function parseRpmUncached(v: string): RpmVersion {
  const fail = (reason: string): never => {
    throw new VersionError(ID, v, reason);
  };
  if (typeof v !== 'string') fail('not a string');
  const s = v.trim();
  if (s === '') fail('version string is empty');
  const m = /^(\d*):(.*)$/.exec(s);
  let epoch: string | undefined;
  let rest = s;
  if (m) {
    epoch = m[1] === '' ? '0' : m[1];
    rest = m[2]!;
  }
  const hyphen = rest.lastIndexOf('-');
  const version = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const release = hyphen >= 0 ? rest.slice(hyphen + 1) : undefined;
  if (version === '') fail('version part is empty');
  if (release === '') fail('release part is empty');
  if (!ALLOWED.test(rest)) fail('unexpected character (allowed: letters, digits and . _ + ~ ^ -)');
  if (version.includes('-')) fail('more than one "-" (the version part must not contain one)');
  if (!/[A-Za-z0-9]/.test(version)) fail('version has no letters or digits');
  return { epoch, version, release };
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isAlnum = (c: string | undefined) => isDigit(c) || isAlpha(c);

/** rpmvercmp: segments of digits or letters; separators ignored; `~` and `^` as described above. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && !isAlnum(a[i]) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]) && b[j] !== '~' && b[j] !== '^') j++;
    const ca = a[i];
    const cb = b[j];
    if (ca === '~' || cb === '~') {
      if (ca !== '~') return 1;
      if (cb !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (ca === '^' || cb === '^') {
      if (ca === undefined) return -1;
      if (cb === undefined) return 1;
      if (ca !== '^') return 1;
      if (cb !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (ca === undefined || cb === undefined) break;
    const numeric = isDigit(ca);
    const take = numeric ? isDigit : isAlpha;
    let ei = i;
    while (take(a[ei])) ei++;
    let ej = j;
    while (take(b[ej])) ej++;
    // A numeric segment is newer than an alphabetic one.
    if (ej === j) return numeric ? 1 : -1;
    let sa = a.slice(i, ei);
    let sb = b.slice(j, ej);
    if (numeric) {
      sa = sa.replace(/^0+/, '');
      sb = sb.replace(/^0+/, '');
      if (sa.length !== sb.length) return sa.length > sb.length ? 1 : -1;
    }
    if (sa !== sb) return sa < sb ? -1 : 1;
    i = ei;
    j = ej;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/**
 * rpm.vercmp: epoch (absent = 0), version, then release. An absent release sorts before any
 * present one (rpm.vercmp("1.0", "1.0-1") is -1), as rpm 4.18 does.
 */
export function compareRpm(a: string, b: string): number {
  const va = parseRpm(a);
  const vb = parseRpm(b);
  const e = rpmvercmp(va.epoch ?? '0', vb.epoch ?? '0');
  if (e !== 0) return e;
  const v = rpmvercmp(va.version, vb.version);
  if (v !== 0) return v;
  if (va.release === undefined || vb.release === undefined) {
    return va.release === vb.release ? 0 : va.release === undefined ? -1 : 1;
  }
  return rpmvercmp(va.release, vb.release);
}

export const rpm: VersionScheme = {
  id: ID,
  validate: (v) => void parseRpm(v),
  compare: compareRpm,
  satisfies(v, range) {
    parseRpm(v);
    const set = parseComparatorList(range, { bareIsEqual: true });
    if (!set) throw new VersionRangeError(ID, range, 'expected comparators such as ">= 1.2-1, < 1.3" (comma = and, || = or)');
    return matchComparators(compareRpm, v, set);
  },
};

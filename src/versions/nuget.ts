/**
 * NuGet versions (NuGet.Versioning's NuGetVersion): `Major[.Minor[.Patch[.Revision]]][-label.label][+metadata]`
 * (SemVer 2.0.0 plus the legacy fourth part; missing parts are 0, so 1 == 1.0 == 1.0.0 == 1.0.0.0, as NuGet pads a lone major).
 * Release labels compare as in SemVer 2.0.0 but case-insensitively; metadata is ignored.
 * Ranges (NuGet's version range notation): `1.0` (= at least 1.0), `[1.0]`, `(1.0,)`, `(,1.0]`,
 * `(,1.0)`, `[1.0,2.0]`, `(1.0,2.0)`, `[1.0,2.0)`; and the generic comparator list of feeds
 * (`>= 1.0, < 2.0`, `||`). Floating ranges (`1.*`) choose a version to download and are refused.
 *
 * Written by hand: no maintained JS library implements NuGet.Versioning.
 */
import { VersionError, VersionRangeError, type VersionScheme } from './types.js';
import { matchComparators, parseComparatorList } from './comparators.js';

const ID = 'nuget';
const FORMAT = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export interface NuGetVersion {
  parts: [bigint, bigint, bigint, bigint];
  labels: string[];
}

export function parseNuGet(v: string): NuGetVersion {
  if (typeof v !== 'string' || v.trim() === '') throw new VersionError(ID, String(v), 'version string is empty');
  const m = FORMAT.exec(v.trim());
  if (!m) throw new VersionError(ID, v, 'not a NuGet version Major.Minor[.Patch[.Revision]][-prerelease][+metadata]');
  return {
    parts: [BigInt(m[1]!), BigInt(m[2] ?? 0), BigInt(m[3] ?? 0), BigInt(m[4] ?? 0)],
    labels: m[5] ? m[5].split('.') : [],
  };
}

function compareLabel(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (an !== bn) return an ? -1 : 1;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export function compareNuGet(a: string, b: string): number {
  const x = parseNuGet(a);
  const y = parseNuGet(b);
  for (let i = 0; i < 4; i++) if (x.parts[i] !== y.parts[i]) return x.parts[i]! < y.parts[i]! ? -1 : 1;
  if (x.labels.length === 0 || y.labels.length === 0) return x.labels.length === y.labels.length ? 0 : x.labels.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(x.labels.length, y.labels.length); i++) {
    if (x.labels[i] === undefined) return -1;
    if (y.labels[i] === undefined) return 1;
    const c = compareLabel(x.labels[i]!, y.labels[i]!);
    if (c) return c;
  }
  return 0;
}

function satisfiesInterval(v: string, range: string): boolean {
  const fail = (reason: string): never => {
    throw new VersionRangeError(ID, range, reason);
  };
  const m = /^([[(])\s*([^,\])]*?)\s*(?:,\s*([^\])]*?)\s*)?([\])])$/.exec(range);
  if (!m) return fail('expected an interval such as [1.0,2.0), (,1.0], [1.0] or a minimum version 1.0');
  const [, open, lo, hi, close] = m;
  if (hi === undefined) {
    // One version: only [1.0] (exactly) is meaningful.
    if (open !== '[' || close !== ']' || !lo) return fail('a single version must be written [1.0]');
    return compareNuGet(v, lo) === 0;
  }
  if (!lo && !hi) fail('an interval needs at least one bound');
  if (lo && hi) {
    const c = compareNuGet(lo, hi);
    if (c > 0 || (c === 0 && !(open === '[' && close === ']'))) fail('the lower bound is above the upper bound');
  }
  const okLo = !lo || (open === '[' ? compareNuGet(v, lo) >= 0 : compareNuGet(v, lo) > 0);
  const okHi = !hi || (close === ']' ? compareNuGet(v, hi) <= 0 : compareNuGet(v, hi) < 0);
  return okLo && okHi;
}

export const nuget: VersionScheme = {
  id: ID,
  validate: (v) => void parseNuGet(v),
  compare: compareNuGet,
  satisfies(v, range) {
    parseNuGet(v);
    const t = range.trim();
    if (t === '') throw new VersionRangeError(ID, range, 'empty range');
    if (t.includes('*')) throw new VersionRangeError(ID, range, 'floating ranges (1.*) pick a version to download; they are not a set of versions');
    if (t.startsWith('[') || t.startsWith('(')) return satisfiesInterval(v, t);
    if (/^\d/.test(t) && !/[,|\s]/.test(t)) return compareNuGet(v, t) >= 0; // NuGet: a bare version is a minimum
    const set = parseComparatorList(t);
    if (!set) throw new VersionRangeError(ID, range, 'expected a NuGet interval ([1.0,2.0)) or comparators (>= 1.0, < 2.0)');
    return matchComparators(compareNuGet, v, set);
  },
};

/**
 * Maven versions in Maven's own order (org.apache.maven.artifact.versioning.ComparableVersion as
 * documented in Maven's "POM Reference — Version Order Specification"), and Maven version ranges
 * (`[1.0,2.0)`, `(,1.0]`, `[1.5,)`, `[1.2]`, unions `(,1.0],[1.2,)`).
 *
 * Written by hand: no maintained JS library implements ComparableVersion. The order, from the spec:
 * the version is split into items at `.` and `-` (other characters belong to words) and at every switch between digits and letters;
 * a `-` (or a switch) opens a sub-list. Trailing "null" items (0, "", "final", "ga", "release") are
 * trimmed. Items compare: numbers numerically; qualifiers
 * alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp < other words
 * (alphabetically); a = alpha, b = beta, m = milestone when directly followed by a digit;
 * number > list > qualifier. A `.word` that ends the version or is followed by digits counts as `-word` (Maven 3.8.x behaviour, the Maven
 * installed here; the pairs test checks 2,500 verdicts of its ComparableVersion).
 */
import { VersionError, VersionRangeError, type VersionScheme } from './types.js';
import { matchComparators, parseComparatorList } from './comparators.js';

const ID = 'maven';

type Item = { k: 'int'; v: bigint } | { k: 'str'; v: string } | { k: 'list'; v: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };

function strItem(s: string, followedByDigit: boolean): Item {
  if (followedByDigit && s.length === 1) s = s === 'a' ? 'alpha' : s === 'b' ? 'beta' : s === 'm' ? 'milestone' : s;
  return { k: 'str', v: ALIASES[s] ?? s };
}

/** Sort key of a qualifier: known ones by position, unknown ones after all of them, alphabetically. */
function qualifierKey(s: string): string {
  const i = QUALIFIERS.indexOf(s);
  return i >= 0 ? String(i) : `${QUALIFIERS.length}-${s}`;
}

const isNull = (it: Item): boolean =>
  it.k === 'int' ? it.v === 0n : it.k === 'str' ? it.v === '' : it.v.length === 0;

function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const it = list[i]!;
    if (isNull(it)) list.splice(i, 1);
    else if (it.k !== 'list') break;
  }
}

const cache = new Map<string, Item[]>();

export function parseMaven(version: string): Item[] {
  const hit = cache.get(version);
  if (hit) return hit;
  if (typeof version !== 'string' || version.trim() === '') throw new VersionError(ID, String(version), 'version string is empty');
  const v = version.trim().toLowerCase();
  if (/\s/.test(v)) throw new VersionError(ID, version, 'contains whitespace');
  if (!/^[a-z0-9._+-]+$/.test(v)) throw new VersionError(ID, version, 'unexpected character (allowed: letters, digits and . - _ +)');
  if (!/[0-9]/.test(v)) throw new VersionError(ID, version, 'has no digits');
  if (/^[.-]/.test(v) || /[.-]$/.test(v)) throw new VersionError(ID, version, 'starts or ends with a separator');
  const root: Item[] = [];
  let list = root;
  const lists: Item[][] = [root];
  let isDigit = false;
  let start = 0;
  const pushItem = (s: string, digit: boolean, followedByDigit: boolean) => {
    list.push(digit ? { k: 'int', v: BigInt(s) } : strItem(s, followedByDigit));
  };
  const openList = () => {
    const next: Item[] = [];
    list.push({ k: 'list', v: next });
    list = next;
    lists.push(next);
  };
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === '.' || c === '-') {
      if (i === start) list.push({ k: 'int', v: 0n });
      else pushItem(v.slice(start, i), isDigit, false);
      start = i + 1;
      if (c !== '.') openList();
      isDigit = false;
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        if (list.length > 0) openList(); // Maven 3.8: "1.0.M1" == "1-M1" (a word after "." opens a sub-list)
        pushItem(v.slice(start, i), false, true);
        start = i;
        openList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        pushItem(v.slice(start, i), true, false);
        start = i;
        openList();
      }
      isDigit = false;
    }
  }
  if (v.length > start) {
    // Maven 3.8: likewise a trailing word after "." is treated like "-word" (1.0.x == 1-x).
    if (!isDigit && list.length > 0) openList();
    pushItem(v.slice(start), isDigit, false);
  }
  for (let i = lists.length - 1; i >= 0; i--) normalize(lists[i]!);
  if (cache.size > 10000) cache.clear();
  cache.set(version, root);
  return root;
}

function cmpItem(a: Item | undefined, b: Item | undefined): number {
  if (a === undefined) return b === undefined ? 0 : -cmpItem(b, undefined);
  if (b === undefined) {
    if (a.k === 'int') return a.v === 0n ? 0 : 1;
    if (a.k === 'str') {
      const x = qualifierKey(a.v);
      const y = qualifierKey('');
      return x < y ? -1 : x > y ? 1 : 0;
    }
    for (const it of a.v) {
      const c = cmpItem(it, undefined);
      if (c !== 0) return c;
    }
    return 0;
  }
  if (a.k === 'int') {
    if (b.k === 'int') return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
    return 1; // a number beats a qualifier and a sub-list
  }
  if (a.k === 'str') {
    if (b.k === 'str') {
      const x = qualifierKey(a.v);
      const y = qualifierKey(b.v);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return -1; // a qualifier loses to a number and to a sub-list
  }
  if (b.k === 'int') return -1;
  if (b.k === 'str') return 1;
  return cmpList(a.v, b.v);
}

function cmpList(a: Item[], b: Item[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = cmpItem(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
}

export function compareMaven(a: string, b: string): number {
  return cmpList(parseMaven(a), parseMaven(b));
}

/** One Maven range alternative: bounds may be absent (unbounded). */
interface Interval {
  lo?: string;
  loInc: boolean;
  hi?: string;
  hiInc: boolean;
}

function parseMavenRanges(range: string): Interval[] {
  const fail = (reason: string): never => {
    throw new VersionRangeError(ID, range, reason);
  };
  const out: Interval[] = [];
  let rest = range.trim();
  while (rest.length > 0) {
    const m = /^([[(])([^\])]*)([\])])\s*(?:,\s*|$)/.exec(rest);
    if (!m) fail('expected intervals such as [1.0,2.0), (,1.0], [1.5,) or [1.2], separated by commas');
    const [whole, open, body, close] = m!;
    const parts = body!.split(',').map((s) => s.trim());
    if (parts.length === 1) {
      if (open !== '[' || close !== ']' || parts[0] === '') fail('a single version must be written [1.2]');
      parseMaven(parts[0]!);
      out.push({ lo: parts[0], loInc: true, hi: parts[0], hiInc: true });
    } else if (parts.length === 2) {
      const [lo, hi] = parts;
      if (lo) parseMaven(lo);
      if (hi) parseMaven(hi);
      if (!lo && open === '[') fail('an unbounded lower end must be open: (,');
      if (!hi && close === ']') fail('an unbounded upper end must be open: ,)');
      if (lo && hi && compareMaven(lo, hi) > 0) fail('the lower bound is above the upper bound');
      out.push({ lo: lo || undefined, loInc: open === '[', hi: hi || undefined, hiInc: close === ']' });
    } else fail('an interval has at most two bounds');
    rest = rest.slice(whole!.length);
  }
  return out;
}

export const maven: VersionScheme = {
  id: ID,
  validate: (v) => void parseMaven(v),
  compare: compareMaven,
  /**
   * Maven interval ranges, or the generic comparator list (`>= 1.0, < 2.0`). A bare version means
   * exactly that version here (in a POM it is only a "soft" preference, meaningless for matching).
   */
  satisfies(v, range) {
    parseMaven(v);
    const t = range.trim();
    if (t === '') throw new VersionRangeError(ID, range, 'empty range');
    if (t.startsWith('[') || t.startsWith('(')) {
      return parseMavenRanges(t).some(
        (r) =>
          (r.lo === undefined || (r.loInc ? compareMaven(v, r.lo) >= 0 : compareMaven(v, r.lo) > 0)) &&
          (r.hi === undefined || (r.hiInc ? compareMaven(v, r.hi) <= 0 : compareMaven(v, r.hi) < 0)),
      );
    }
    const set = parseComparatorList(t, { bareIsEqual: true });
    if (!set) throw new VersionRangeError(ID, range, 'expected Maven intervals ([1.0,2.0)) or comparators (>= 1.0, < 2.0)');
    return matchComparators(compareMaven, v, set);
  },
};

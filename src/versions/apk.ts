/**
 * Alpine (apk) package versions: `digits{.digits}{letter}{_suffix{digits}}{~hash}{-rN}`, the Gentoo
 * form apk-tools uses (suffixes `_alpha _beta _pre _rc` sort before the release, `_cvs _svn _git
 * _hg _p` after it). Ordered as apk-tools orders them: token by token; the first number
 * numerically, later numbers numerically unless either has a leading zero (then as strings, like
 * Gentoo); when one version runs out of tokens, the longer one is newer unless its next token is a
 * pre-release suffix.
 *
 * Written by hand because no maintained JS library implements apk's ordering; this follows the
 * documented format (apk-package(5), Gentoo PMS §3.2-3.3) and is checked against apk-tools' own
 * version test vectors (apk.test.ts).
 */
import { VersionError, VersionRangeError, type VersionScheme } from './types.js';
import { testOp, type Op } from './comparators.js';

const ID = 'apk';

// Token kinds in apk's order: when two versions diverge in kind, the higher kind is the older one.
const enum T {
  Digit = 1,
  Letter = 2,
  Suffix = 3,
  SuffixNo = 4,
  Hash = 5,
  Revision = 6,
  End = 7,
}
interface Token {
  t: T;
  v: string;
}

const SUFFIX_VALUE: Record<string, number> = { alpha: -4, beta: -3, pre: -2, rc: -1, cvs: 0, svn: 1, git: 2, hg: 3, p: 4 };

const cache = new Map<string, Token[]>();

/**
 * Splits a version into tokens following apk's grammar: after a number may come `.number`, one
 * lower-case letter, `_suffix`, `~hash` or `-rN`; after a letter a number (`2p1`), `_suffix`,
 * `~hash` or `-rN`; after a suffix its number, another `_suffix`, `~hash` or `-rN`; after `~hash`
 * only `-rN`; `-rN` ends the version.
 */
export function tokenizeApk(v: string): Token[] {
  const hit = cache.get(v);
  if (hit) return hit;
  if (typeof v !== 'string' || v.trim() === '') throw new VersionError(ID, String(v), 'version string is empty');
  const s = v.trim();
  const fail = (reason: string): never => {
    throw new VersionError(ID, v, reason);
  };
  if (!/^\d/.test(s)) fail('must start with a digit');
  const tokens: Token[] = [];
  let i = 0;
  let prev: T = T.Digit;
  const take = (re: RegExp) => {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return undefined;
    i += m[0].length;
    return m;
  };
  tokens.push({ t: T.Digit, v: take(/\d+/y)![0] });
  while (i < s.length) {
    const c = s[i]!;
    let m: RegExpExecArray | undefined;
    if (c === '.' && prev === T.Digit && (m = take(/\.(\d+)/y))) {
      tokens.push({ t: T.Digit, v: m[1]! });
    } else if (/[a-z]/.test(c) && prev === T.Digit) {
      tokens.push({ t: T.Letter, v: c });
      i++;
    } else if (/\d/.test(c) && prev === T.Letter) {
      tokens.push({ t: T.Digit, v: take(/\d+/y)![0] });
    } else if (c === '_' && prev <= T.SuffixNo && (m = take(/_([a-z]+)(\d*)/y))) {
      if (!(m[1]! in SUFFIX_VALUE)) fail(`unknown suffix "_${m[1]}" (allowed: _alpha _beta _pre _rc _cvs _svn _git _hg _p)`);
      tokens.push({ t: T.Suffix, v: m[1]! });
      if (m[2]) tokens.push({ t: T.SuffixNo, v: m[2] });
    } else if (c === '~' && prev < T.Hash && (m = take(/~([0-9a-f]+)/y))) {
      tokens.push({ t: T.Hash, v: m[1]! });
    } else if (c === '-' && prev < T.Revision && (m = take(/-r(\d+)$/y))) {
      tokens.push({ t: T.Revision, v: m[1]! });
    } else if (c === '-') {
      fail('a "-" may only introduce the package revision "-rN" at the end');
    } else {
      fail(`unexpected "${c}" at position ${i + 1} (expected digits{.digits}{letter}{_suffix{digits}}{~hash}{-rN})`);
    }
    prev = tokens[tokens.length - 1]!.t;
  }
  if (cache.size > 10000) cache.clear();
  cache.set(v, tokens);
  return tokens;
}

/** Decimal strings of any length, compared by value. */
function numCmp(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}
const strCmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function tokenCmp(a: Token, b: Token, first: boolean): number {
  switch (a.t) {
    case T.Digit:
      // Gentoo rule: after the first component, a leading zero makes it a string comparison (1.02 < 1.1).
      if (!first && (a.v.startsWith('0') || b.v.startsWith('0'))) return strCmp(a.v, b.v);
      return numCmp(a.v, b.v);
    case T.SuffixNo:
    case T.Revision:
      return numCmp(a.v, b.v);
    case T.Letter:
    case T.Hash:
      return strCmp(a.v, b.v);
    case T.Suffix:
      return Math.sign(SUFFIX_VALUE[a.v]! - SUFFIX_VALUE[b.v]!);
    default:
      return 0;
  }
}

/** `fuzzy`: equal when `b`'s tokens are a prefix of `a`'s (apk's `~` dependency operator). */
function compareTokens(ta: Token[], tb: Token[], fuzzy = false): number {
  const END: Token = { t: T.End, v: '' };
  for (let i = 0; ; i++) {
    const a = ta[i] ?? END;
    const b = tb[i] ?? END;
    if (a.t !== b.t) {
      if (fuzzy && b.t === T.End) return 0;
      if (a.t === T.Suffix && SUFFIX_VALUE[a.v]! < 0) return -1;
      if (b.t === T.Suffix && SUFFIX_VALUE[b.v]! < 0) return 1;
      return a.t > b.t ? -1 : 1;
    }
    if (a.t === T.End) return 0;
    const c = tokenCmp(a, b, i === 0);
    if (c !== 0) return c;
  }
}

export function compareApk(a: string, b: string): number {
  return compareTokens(tokenizeApk(a), tokenizeApk(b));
}

const OPS: Record<string, Op | '~'> = {
  '<': '<', '<=': '<=', '>': '>', '>=': '>=', '=': '=', '==': '=', '!=': '!=', '~': '~', '~=': '~', '': '=',
};

/**
 * Ranges: the generic list (`>= 1.2-r0, < 1.3`, comma = and, `||` = or) plus apk's fuzzy `~1.2`
 * (any version whose leading components are 1.2: 1.2, 1.2.9, 1.2_rc1, 1.2-r3).
 */
export const apk: VersionScheme = {
  id: ID,
  validate: (v) => void tokenizeApk(v),
  compare: compareApk,
  satisfies(v, range) {
    const tv = tokenizeApk(v);
    if (range.trim() === '') throw new VersionRangeError(ID, range, 'empty range');
    let any = false;
    for (const alt of range.split('||')) {
      let all = true;
      for (const part of alt.split(',')) {
        const m = /^\s*(<=|>=|==|!=|~=|<|>|=|~|)\s*(\S+)\s*$/.exec(part);
        if (!m) throw new VersionRangeError(ID, range, `cannot read comparator "${part.trim()}" (operators < <= > >= = != ~)`);
        const op = OPS[m[1]!]!;
        const tc = tokenizeApk(m[2]!);
        const ok = op === '~' ? compareTokens(tv, tc, true) === 0 : testOp(op, compareTokens(tv, tc));
        if (!ok) all = false;
      }
      if (all) any = true;
    }
    return any;
  },
};

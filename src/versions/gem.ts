/**
 * RubyGems versions and requirements, as Gem::Version and Gem::Requirement define them.
 * A version is numbers and words separated by dots (`1.2.3`, `1.0.0.rc1`, `2.0.0-beta` which means
 * `2.0.0.pre.beta`); it splits into segments (runs of digits → numbers, runs of letters → words);
 * trailing zeros of the release part and of the pre-release part are dropped (1.0 == 1); segments
 * compare numbers numerically, words byte-wise, and a word is below a number (1.0.a < 1.0 < 1.0.1).
 * Requirements: `= != > < >= <= ~>` (bare = "="), comma = and; `||` = or for feed lists.
 * `~> 1.2.3` means `>= 1.2.3, < 1.3` (pre-release segments dropped, last segment dropped, then
 * the new last one incremented).
 *
 * Written by hand: no maintained JS library implements RubyGems' ordering.
 */
import { VersionError, VersionRangeError, type VersionScheme } from './types.js';
import { testOp, type Op } from './comparators.js';

const ID = 'gem';
const VERSION = /^\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)\s*$/;

type Segment = number | string | bigint;

export function gemSegments(v: string): Segment[] {
  if (typeof v !== 'string' || v.trim() === '') throw new VersionError(ID, String(v), 'version string is empty');
  const m = VERSION.exec(v);
  if (!m) throw new VersionError(ID, v, 'not a RubyGems version (numbers and words separated by dots, e.g. 1.2.3 or 1.0.0.rc1)');
  const text = m[1]!.replace(/-/g, '.pre.');
  return (text.match(/[0-9]+|[a-z]+/gi) ?? []).map((s) => (/^\d+$/.test(s) ? BigInt(s) : s));
}

/** The release and pre-release parts, each without trailing zeros, joined (Gem::Version#canonical_segments). */
function canonical(segs: Segment[]): Segment[] {
  const firstWord = segs.findIndex((s) => typeof s === 'string');
  const release = firstWord < 0 ? segs : segs.slice(0, firstWord);
  const pre = firstWord < 0 ? [] : segs.slice(firstWord);
  const trim = (xs: Segment[]) => {
    const out = [...xs];
    while (out.length > 0 && out[out.length - 1] === 0n) out.pop();
    return out;
  };
  return [...trim(release), ...trim(pre)];
}

function compareSegments(a: Segment[], b: Segment[]): number {
  const x = canonical(a);
  const y = canonical(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const l = x[i] ?? 0n;
    const r = y[i] ?? 0n;
    if (l === r) continue;
    if (typeof l === 'string' && typeof r !== 'string') return -1;
    if (typeof l !== 'string' && typeof r === 'string') return 1;
    return l < r ? -1 : 1;
  }
  return 0;
}

export function compareGem(a: string, b: string): number {
  return compareSegments(gemSegments(a), gemSegments(b));
}

const isPrerelease = (segs: Segment[]) => segs.some((s) => typeof s === 'string');
/** Gem::Version#release: the version without its pre-release segments. */
const release = (segs: Segment[]) => (isPrerelease(segs) ? segs.slice(0, segs.findIndex((s) => typeof s === 'string')) : segs);
/** Gem::Version#bump: drop words, drop the last segment (if more than one), increment the new last. */
function bump(segs: Segment[]): Segment[] {
  const out = [...release(segs)];
  if (out.length > 1) out.pop();
  out[out.length - 1] = (out[out.length - 1] as bigint) + 1n;
  return out;
}

const OPS: Record<string, Op | '~>'> = { '=': '=', '==': '=', '!=': '!=', '>': '>', '<': '<', '>=': '>=', '<=': '<=', '~>': '~>', '': '=' };

export const gem: VersionScheme = {
  id: ID,
  validate: (v) => void gemSegments(v),
  compare: compareGem,
  satisfies(v, range) {
    const segs = gemSegments(v);
    if (range.trim() === '') throw new VersionRangeError(ID, range, 'empty requirement (use ">= 0" for any version)');
    let any = false;
    for (const alt of range.split('||')) {
      let all = true;
      for (const part of alt.split(',')) {
        const m = /^\s*(~>|>=|<=|!=|==|=|>|<|)\s*(\S+)\s*$/.exec(part);
        if (!m) throw new VersionRangeError(ID, range, `cannot read requirement "${part.trim()}" (operators = != > < >= <= ~>)`);
        const op = OPS[m[1]!]!;
        const r = gemSegments(m[2]!);
        const ok =
          op === '~>'
            ? compareSegments(segs, r) >= 0 && compareSegments(release(segs), bump(r)) < 0
            : testOp(op, compareSegments(segs, r));
        if (!ok) all = false;
      }
      if (all) any = true;
    }
    return any;
  },
};

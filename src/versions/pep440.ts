/**
 * Python package versions and specifiers, PEP 440 (packaging.python.org "Version specifiers").
 * Versions: `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]` with the spec's normalisations
 * (alpha/beta/c/pre/preview, rev/r, implicit numbers, `-`/`_`/`.` separators, leading `v`).
 * Specifiers: `~=`, `==` (with `.*` prefix matching), `!=` (also with `.*`), `<=`, `>=`, `<`, `>`,
 * `===`, comma = and. `||` (or) is accepted too, for the generic comparator lists of feeds.
 *
 * Written by hand: no maintained JS library implements PEP 440 (the spec's own regular expression
 * from its Appendix is used). One choice a scanner must make: pre-releases are always eligible
 * (packaging's `prereleases=True`), because "is 2.0rc1 inside `<2.1`?" must be answered yes. The
 * exclusive-ordered rules of the spec are kept (`<2.0` does not match 2.0rc1, `>1.0` does not match
 * 1.0.post1), because that is what a specifier means in Python.
 */
import { VersionError, VersionRangeError, type VersionScheme } from './types.js';

const ID = 'pep440';

// PEP 440 Appendix B (canonical parsing regular expression), case-insensitive.
const VERSION_RE = new RegExp(
  '^\\s*v?' +
    '(?:(?:(?<epoch>[0-9]+)!)?' +
    '(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?<pre>[-_\\.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_\\.]?(?<pre_n>[0-9]+)?)?' +
    '(?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_\\.]?(?<post_l>post|rev|r)[-_\\.]?(?<post_n2>[0-9]+)?))?' +
    '(?<dev>[-_\\.]?(?<dev_l>dev)[-_\\.]?(?<dev_n>[0-9]+)?)?)' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_\\.][a-z0-9]+)*))?\\s*$',
  'i',
);

export interface Pep440Version {
  epoch: bigint;
  release: bigint[];
  pre?: [string, bigint]; // ['a' | 'b' | 'rc', n]
  post?: bigint;
  dev?: bigint;
  local?: (string | bigint)[];
}

const cache = new Map<string, Pep440Version>();

/** Parsed versions are shared (cached): treat them as read-only. */
export function parsePep440(v: string): Pep440Version {
  const hit = cache.get(v);
  if (hit) return hit;
  const parsed = parseUncached(v);
  if (cache.size > 10000) cache.clear();
  cache.set(v, parsed);
  return parsed;
}

function parseUncached(v: string): Pep440Version {
  if (typeof v !== 'string' || v.trim() === '') throw new VersionError(ID, String(v), 'version string is empty');
  const m = VERSION_RE.exec(v);
  if (!m) throw new VersionError(ID, v, 'not a PEP 440 version ([N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local])');
  const g = m.groups!;
  const out: Pep440Version = { epoch: BigInt(g.epoch ?? 0), release: g.release!.split('.').map(BigInt) };
  if (g.pre_l) {
    const l = g.pre_l.toLowerCase();
    const norm = l === 'alpha' || l === 'a' ? 'a' : l === 'beta' || l === 'b' ? 'b' : 'rc';
    out.pre = [norm, BigInt(g.pre_n ?? 0)];
  }
  if (g.post) out.post = BigInt(g.post_n1 ?? g.post_n2 ?? 0);
  if (g.dev) out.dev = BigInt(g.dev_n ?? 0);
  if (g.local) out.local = g.local.toLowerCase().split(/[-_.]/).map((s) => (/^\d+$/.test(s) ? BigInt(s) : s));
  return out;
}

const cmpBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const PRE_RANK: Record<string, number> = { a: 0, b: 1, rc: 2 };

function cmpRelease(a: bigint[], b: bigint[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = cmpBig(a[i] ?? 0n, b[i] ?? 0n);
    if (c) return c;
  }
  return 0;
}

/** The ordering of PEP 440 "Summary of permitted suffixes and relative ordering". */
export function comparePep440Parsed(a: Pep440Version, b: Pep440Version, ignoreLocal = false): number {
  let c = cmpBig(a.epoch, b.epoch) || cmpRelease(a.release, b.release);
  if (c) return c;
  // Pre-release slot: X.devN (no pre, no post) sorts before X.aN; a final release after all pre-releases.
  const preKey = (v: Pep440Version): [number, number, bigint] =>
    v.pre ? [1, PRE_RANK[v.pre[0]]!, v.pre[1]] : v.post === undefined && v.dev !== undefined ? [0, 0, 0n] : [2, 0, 0n];
  const pa = preKey(a);
  const pb = preKey(b);
  c = pa[0] - pb[0] || pa[1] - pb[1] || cmpBig(pa[2], pb[2]);
  if (c) return Math.sign(c);
  // Post-release: none sorts first.
  if (a.post !== b.post) {
    if (a.post === undefined) return -1;
    if (b.post === undefined) return 1;
    c = cmpBig(a.post, b.post);
    if (c) return c;
  }
  // Dev release: none sorts last.
  if (a.dev !== b.dev) {
    if (a.dev === undefined) return 1;
    if (b.dev === undefined) return -1;
    c = cmpBig(a.dev, b.dev);
    if (c) return c;
  }
  if (ignoreLocal) return 0;
  // Local: none sorts first; numeric segments above alphanumeric ones; then segment by segment.
  if (!a.local || !b.local) return a.local ? 1 : b.local ? -1 : 0;
  for (let i = 0; i < Math.max(a.local.length, b.local.length); i++) {
    const x = a.local[i];
    const y = b.local[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x !== typeof y) return typeof x === 'bigint' ? 1 : -1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function comparePep440(a: string, b: string): number {
  return comparePep440Parsed(parsePep440(a), parsePep440(b));
}

const isPre = (v: Pep440Version) => v.pre !== undefined || v.dev !== undefined;
const baseOf = (v: Pep440Version): Pep440Version => ({ epoch: v.epoch, release: v.release });

/** `==`/`!=` with `.*`: same epoch, and the release (zero-padded) starts with the prefix; any suffix. */
function prefixMatch(v: Pep440Version, spec: string, range: string): boolean {
  const p = parsePep440(spec);
  if (p.local || p.pre || p.post !== undefined || p.dev !== undefined) {
    throw new VersionRangeError(ID, range, 'a prefix match (.*) may only follow a release number such as 1.4.*');
  }
  if (p.epoch !== v.epoch) return false;
  return p.release.every((n, i) => (v.release[i] ?? 0n) === n);
}

function matchOne(v: Pep440Version, raw: string, op: string, spec: string, range: string): boolean {
  if (op === '===') return raw.trim().toLowerCase() === spec.toLowerCase();
  const wildcard = spec.endsWith('.*');
  if (wildcard && op !== '==' && op !== '!=') throw new VersionRangeError(ID, range, `"${op}" does not allow a .* suffix`);
  if (wildcard) {
    const hit = prefixMatch(v, spec.slice(0, -2), range);
    return op === '==' ? hit : !hit;
  }
  const s = parsePep440(spec);
  if (s.local && op !== '==' && op !== '!=') throw new VersionRangeError(ID, range, `"${op}" does not allow a local version`);
  switch (op) {
    case '==':
    case '!=': {
      // Without a local label in the specifier, the candidate's local label is ignored.
      const eq = comparePep440Parsed(v, s, s.local === undefined) === 0;
      return op === '==' ? eq : !eq;
    }
    case '~=': {
      if (s.release.length < 2) throw new VersionRangeError(ID, range, '"~=" needs at least two release segments (~=1.4)');
      const prefix = s.release.slice(0, -1);
      if (s.epoch !== v.epoch) return false;
      for (let i = 0; i < prefix.length; i++) if ((v.release[i] ?? 0n) !== prefix[i]) return false;
      return comparePep440Parsed(v, s, true) >= 0;
    }
    case '<=':
      return comparePep440Parsed(v, s, true) <= 0;
    case '>=':
      return comparePep440Parsed(v, s, true) >= 0;
    case '<':
      if (comparePep440Parsed(v, s, true) >= 0) return false;
      // Exclusive ordered comparison: <V excludes pre-releases of V itself unless V is one.
      return !(!isPre(s) && isPre(v) && comparePep440Parsed(baseOf(v), baseOf(s)) === 0);
    case '>':
      if (comparePep440Parsed(v, s, true) <= 0) return false;
      // >V excludes post-releases of V unless V is one (local versions of V are equal to V, so out too).
      return !(s.post === undefined && v.post !== undefined && comparePep440Parsed(baseOf(v), baseOf(s)) === 0);
    default:
      throw new VersionRangeError(ID, range, `unknown operator "${op}"`);
  }
}

const SPEC = /^\s*(===|~=|==|!=|<=|>=|<|>|=)\s*(\S+)\s*$/;

export const pep440: VersionScheme = {
  id: ID,
  validate: (v) => void parsePep440(v),
  compare: comparePep440,
  satisfies(v, range) {
    const pv = parsePep440(v);
    if (range.trim() === '') return true; // an empty specifier set allows every version (PEP 440)
    let any = false;
    for (const alt of range.split('||')) {
      let all = true;
      for (const clause of alt.split(',')) {
        const m = SPEC.exec(clause);
        if (!m) throw new VersionRangeError(ID, range, `cannot read specifier "${clause.trim()}" (operators ~= == != <= >= < > ===)`);
        const op = m[1] === '=' ? '==' : m[1]!; // feeds write "=1.0"
        if (!matchOne(pv, v, op, m[2]!, range)) all = false;
      }
      if (all) any = true;
    }
    return any;
  },
};

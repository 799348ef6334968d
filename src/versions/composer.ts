/**
 * Composer (Packagist) versions and constraints, as Composer's VersionParser and PHP's
 * version_compare define them. A version is normalised first (`v1.2` → `1.2.0.0`,
 * `1.0.0-beta.2` → `1.0.0.0-beta2`, `1.0-p1` → `1.0.0.0-patch1`, `1.0-RC1` → `1.0.0.0-RC1`,
 * dates `20230101`), then compared with version_compare's order
 * dev < alpha = a < beta = b < RC = rc < (number) < patch = pl = p.
 * Constraints: `=`/`==`, `!=`/`<>`, `<`, `<=`, `>`, `>=`, `^`, `~`, wildcards `1.2.*`/`1.2.x`, hyphen
 * ranges `1.0 - 2.0`, and (space or comma) for "and", `||` (or `|`) for "or". As in Composer,
 * `<1.2` and `>=1.2` without a stability mean `<1.2.0.0-dev` and `>=1.2.0.0-dev` (so `<1.2`
 * excludes 1.2's pre-releases). Branch versions (`dev-main`) have no order and are refused.
 *
 * Written by hand: no maintained JS library implements Composer's semantics.
 */
import { VersionError, VersionRangeError, type VersionScheme } from './types.js';
import { testOp, type Op } from './comparators.js';

const ID = 'composer';
const MODIFIER = '[._-]?(?:(stable|beta|b|rc|alpha|a|patch|pl|p)((?:[.-]?\\d+)*)?)?([.-]?dev)?';
const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATE = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})${MODIFIER}$`, 'i');
const STABILITY: Record<string, string> = { a: 'alpha', alpha: 'alpha', b: 'beta', beta: 'beta', p: 'patch', pl: 'patch', patch: 'patch', rc: 'RC' };

/** Composer's normalised form, e.g. "1.2.0.0-beta2". */
export function normalizeComposer(v: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new VersionError(ID, String(v), 'version string is empty');
  const s = v.trim();
  if (/^dev-|^(master|trunk|default)$|[.-]dev$/i.test(s) && !CLASSICAL.test(s)) {
    throw new VersionError(ID, v, 'a branch (dev-…) is not an ordered version');
  }
  let m = CLASSICAL.exec(s);
  let base: string;
  let idx: number;
  if (m) {
    base = [m[1], m[2] ?? '.0', m[3] ?? '.0', m[4] ?? '.0'].join('').replace(/^0+(?=\d)/, '');
    base = base.split('.').map((p) => p.replace(/^0+(?=\d)/, '')).join('.');
    idx = 5;
  } else {
    m = DATE.exec(s);
    if (!m) throw new VersionError(ID, v, 'not a Composer version (e.g. 1.2.3, v1.2, 1.0.0-beta2, 1.0-RC1, 1.0.0-p1)');
    base = m[1]!.replace(/[.:-]/g, '.');
    idx = 2;
  }
  const stab = m[idx]?.toLowerCase();
  if (stab && stab !== 'stable') base += `-${STABILITY[stab]}${(m[idx + 1] ?? '').replace(/^[.-]+/, '').replace(/[.-]/g, '')}`;
  if (m[idx + 2]) base += '-dev';
  return base;
}

// PHP version_compare, on canonical parts.
const SPECIAL: [string, number][] = [['dev', 0], ['alpha', 1], ['a', 1], ['beta', 2], ['b', 2], ['RC', 3], ['rc', 3], ['#', 4], ['pl', 5], ['p', 5]];
const specialOrder = (s: string) => SPECIAL.find(([name]) => s.startsWith(name))?.[1] ?? -1;
const isDigitStart = (s: string) => /^\d/.test(s);

function canonicalParts(v: string): string[] {
  // Separators to ".", and a "." between every digit / non-digit switch.
  return v
    .replace(/[-_+]/g, '.')
    .replace(/(\d)(?=[^\d.])|([^\d.])(?=\d)/g, '$1$2.')
    .replace(/[^A-Za-z0-9.]/g, '.')
    .split('.')
    .filter((p) => p !== '');
}

function comparePart(a: string, b: string): number {
  if (isDigitStart(a) && isDigitStart(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = isDigitStart(a) ? '#' : a;
  const y = isDigitStart(b) ? '#' : b;
  return Math.sign(specialOrder(x) - specialOrder(y));
}

export function phpVersionCompare(a: string, b: string): number {
  const x = canonicalParts(a);
  const y = canonicalParts(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const c = comparePart(x[i]!, y[i]!);
    if (c) return c;
  }
  if (x.length > n) return isDigitStart(x[n]!) ? 1 : comparePart(x[n]!, '#');
  if (y.length > n) return isDigitStart(y[n]!) ? -1 : comparePart('#', y[n]!);
  return 0;
}

export function compareComposer(a: string, b: string): number {
  return phpVersionCompare(normalizeComposer(a), normalizeComposer(b));
}

interface Bound {
  op: Op;
  version: string; // normalised
}

/** Whether a version text names a stability (beta, RC, dev, …): its normalised form then has a "-". */
const hasStability = (raw: string) => normalizeComposer(raw).includes('-');

/** Numeric parts as given (1 to 4 of them), from a version text such as "1.2" or "v1.2.3". */
function givenParts(range: string, raw: string): number[] {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?/i.exec(raw);
  if (!m) throw new VersionRangeError(ID, range, `cannot read version "${raw}"`);
  return m.slice(1).filter((p) => p !== undefined).map(Number);
}

/** The version with part `position` (1-based) increased and the later parts zeroed, as "-dev". */
function bumped(parts: number[], position: number): string {
  const p = [0, 1, 2, 3].map((i) => parts[i] ?? 0);
  p[position - 1]! += 1;
  for (let i = position; i < 4; i++) p[i] = 0;
  return `${p.join('.')}-dev`;
}

function parseSingle(range: string, text: string): Bound[] {
  const t = text.replace(/@(stable|rc|beta|alpha|dev)$/i, '');
  if (t === '*' || /^v?[*xX](\.[*xX])*$/.test(t)) return [];
  if (/^dev-/i.test(t)) throw new VersionRangeError(ID, range, 'branch constraints (dev-…) match no ordered version');
  let m: RegExpExecArray | null;
  if ((m = /^\^(.+)$/.exec(t))) {
    const raw = m[1]!;
    const parts = givenParts(range, raw);
    const position = parts[0] !== 0 || parts.length < 2 ? 1 : parts[1] !== 0 || parts.length < 3 ? 2 : 3;
    const low = normalizeComposer(raw) + (hasStability(raw) ? '' : '-dev');
    return [{ op: '>=', version: low }, { op: '<', version: bumped(parts, position) }];
  }
  if ((m = /^~(?!=)(.+)$/.exec(t))) {
    const raw = m[1]!;
    const parts = givenParts(range, raw);
    const low = normalizeComposer(raw) + (hasStability(raw) ? '' : '-dev');
    return [{ op: '>=', version: low }, { op: '<', version: bumped(parts, Math.max(1, parts.length - 1)) }];
  }
  if ((m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\.[*xX]$/.exec(t))) {
    const parts = m.slice(1).filter((p) => p !== undefined).map(Number);
    return [{ op: '>=', version: `${[0, 1, 2, 3].map((i) => parts[i] ?? 0).join('.')}-dev` }, { op: '<', version: bumped(parts, parts.length) }];
  }
  if ((m = /^(.+?)\s+-\s+(.+)$/.exec(t))) {
    const [, lo, hi] = m;
    const low = normalizeComposer(lo!) + (hasStability(lo!) ? '' : '-dev');
    const hiParts = givenParts(range, hi!);
    const upper: Bound = hiParts.length >= 3 || hasStability(hi!)
      ? { op: '<=', version: normalizeComposer(hi!) }
      : { op: '<', version: bumped(hiParts, hiParts.length) };
    return [{ op: '>=', version: low }, upper];
  }
  m = /^(<>|!=|>=|<=|==|=|<|>)?\s*(.+)$/.exec(t);
  const opText = m![1] ?? '=';
  const raw = m![2]!;
  const op: Op = opText === '<>' ? '!=' : opText === '==' ? '=' : (opText as Op);
  let version = normalizeComposer(raw);
  if ((op === '<' || op === '>=') && !hasStability(raw)) version += '-dev';
  return [{ op, version }];
}

/** Alternatives of conjunctions of bounds. */
export function parseComposerConstraint(range: string): Bound[][] {
  const text = range.trim();
  if (text === '') throw new VersionRangeError(ID, range, 'empty constraint (use "*" for any version)');
  return text.split(/\s*\|\|?\s*/).map((alt) => {
    if (alt === '') throw new VersionRangeError(ID, range, 'empty alternative around "||"');
    const hyphens: string[] = [];
    const protectedAlt = alt
      .replace(/(\S+)\s+-\s+(\S+)/g, (_, a: string, b: string) => `\u0000${hyphens.push(`${a} - ${b}`) - 1}`)
      .replace(/(<>|!=|>=|<=|==|=|<|>|~|\^)\s+/g, '$1');
    return protectedAlt
      .split(/\s*,\s*|\s+/)
      .filter((p) => p !== '')
      .flatMap((p) => parseSingle(range, p.startsWith('\u0000') ? hyphens[Number(p.slice(1))]! : p));
  });
}

export const composer: VersionScheme = {
  id: ID,
  validate: (v) => void normalizeComposer(v),
  compare: compareComposer,
  satisfies(v, range) {
    const version = normalizeComposer(v);
    let set: Bound[][];
    try {
      set = parseComposerConstraint(range);
    } catch (e) {
      if (e instanceof VersionRangeError || !(e instanceof VersionError)) throw e;
      throw new VersionRangeError(ID, range, e.message);
    }
    return set.some((conj) => conj.every((b) => testOp(b.op, phpVersionCompare(version, b.version))));
  },
};

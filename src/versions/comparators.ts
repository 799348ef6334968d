/**
 * The generic comparator-list form every scheme accepts, as vulnerability feeds write it:
 * `">= 1.2, < 1.3"`, `"<1.2.3"`, `"=1.0"`, `">= 1.0, < 1.5 || >= 2.0, < 2.1"`.
 * Comma means "and", `||` means "or". Each comparator is an operator and one version.
 */
import { VersionRangeError } from './types.js';

export type Op = '<' | '<=' | '>' | '>=' | '=' | '!=';
export interface Comparator {
  op: Op;
  version: string;
}
/** Alternatives (or) of conjunctions (and). */
export type ComparatorSet = Comparator[][];

const OPS: Record<string, Op> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '=': '=', '==': '=', '!=': '!=' };
const COMPARATOR = /^(<=|>=|==|!=|<<|>>|<|>|=)?\s*(\S+)$/;

/**
 * Parses the generic form. Returns undefined when `range` is not in that form (so the scheme's
 * native parser can take it). `extraOps` maps scheme-specific spellings (dpkg `<<`, `>>`).
 * With `bareIsEqual` a comparator without operator means "="; otherwise the whole range is
 * not generic (npm, Cargo and NuGet give a bare version another meaning).
 */
export function parseComparatorList(
  range: string,
  opts: { extraOps?: Record<string, Op>; bareIsEqual?: boolean; isVersion?: (v: string) => boolean } = {},
): ComparatorSet | undefined {
  const text = range.trim();
  if (text === '') return undefined;
  const alternatives: ComparatorSet = [];
  for (const alt of text.split('||')) {
    const conj: Comparator[] = [];
    for (const part of alt.split(',')) {
      const m = COMPARATOR.exec(part.trim());
      if (!m) return undefined;
      const [, opText, version] = m;
      let op: Op | undefined;
      if (opText === undefined) op = opts.bareIsEqual ? '=' : undefined;
      else op = OPS[opText] ?? opts.extraOps?.[opText];
      if (op === undefined) return undefined;
      if (opts.isVersion && !opts.isVersion(version!)) return undefined;
      conj.push({ op, version: version! });
    }
    alternatives.push(conj);
  }
  return alternatives;
}

/** Like parseComparatorList but throws a VersionRangeError instead of returning undefined. */
export function requireComparatorList(
  scheme: string,
  range: string,
  opts: Parameters<typeof parseComparatorList>[1] = {},
): ComparatorSet {
  const set = parseComparatorList(range, opts);
  if (!set) {
    throw new VersionRangeError(
      scheme,
      range,
      'expected comparators such as ">= 1.2, < 1.3" (comma = and, || = or; operators < <= > >= = !=)',
    );
  }
  return set;
}

export function testOp(op: Op, cmp: number): boolean {
  switch (op) {
    case '<': return cmp < 0;
    case '<=': return cmp <= 0;
    case '>': return cmp > 0;
    case '>=': return cmp >= 0;
    case '=': return cmp === 0;
    case '!=': return cmp !== 0;
  }
}

/** Evaluates a comparator set with the scheme's ordering. Every version in it is compared (and so validated). */
export function matchComparators(compare: (a: string, b: string) => number, v: string, set: ComparatorSet): boolean {
  let any = false;
  for (const conj of set) {
    let all = true;
    for (const c of conj) if (!testOp(c.op, compare(v, c.version))) all = false; // no short-cut: garbage in a range must throw
    if (all) any = true;
  }
  return any;
}


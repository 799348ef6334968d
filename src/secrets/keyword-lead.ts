import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AST } from '@eslint-community/regexpp';
import type * as Regexpp from '@eslint-community/regexpp';
import { BUILTIN_LEADS } from './builtin-leads.js';

/**
 * How far before one of its keywords a rule's match can begin — when the regex guarantees that
 * every match contains one of the rule's keywords at all. With that bound, the scanner tries the
 * regex only at the few positions just before each keyword hit (sticky matching on the whole
 * text, so lookbehinds and word boundaries see what they always saw) instead of letting the
 * engine walk the whole file from every position: a match can start nowhere else, and trying the
 * candidate starts in order finds exactly the matches a left-to-right global search finds.
 *
 * Proved from the regex's syntax tree (regexpp parses it; no library answers this question):
 * literal characters and small alternations of them are expanded into the finite set of strings
 * they can match, and a keyword has to occur in every one of those strings. Anything the analysis
 * cannot prove gives `undefined`, and the rule is matched over the whole text as before.
 * Positions are only comparable for ASCII text (keyword hits are byte offsets, the regex runs on
 * the decoded string), so the scanner uses this for ASCII files only.
 */
export function keywordLead(re: RegExp, keywords: string[]): number | undefined {
  if (keywords.length === 0) return undefined;
  // The built-in rules' leads are worked out ahead (builtin-leads.ts, kept current by a test):
  // every thread of a scan would otherwise parse the same regexes again.
  const known = BUILTIN_LEADS[ruleShape(re, keywords)];
  if (known !== undefined) return known ?? undefined;
  return keywordLeadFromTree(re, keywords);
}

/** keywordLead() worked out from the syntax tree, never from the table (for the table's generator and test). */
export function keywordLeadFromTree(re: RegExp, keywords: string[]): number | undefined {
  if (keywords.length === 0) return undefined;
  let ast: AST.Pattern;
  try {
    // Loaded on first use: with the table above, only custom rules get here.
    const { RegExpParser } = createRequire(import.meta.url)('@eslint-community/regexpp') as typeof Regexpp;
    ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(re.source, 0, re.source.length, { unicode: re.flags.includes('u'), unicodeSets: re.flags.includes('v') });
  } catch {
    return undefined;
  }
  const lead = new Analysis(keywords.map((k) => k.toLowerCase())).lead(ast);
  return lead === undefined || !Number.isFinite(lead) ? undefined : lead;
}

/** What a lead depends on: the regex (source and flags) and the keywords. */
export function ruleShape(re: RegExp, keywords: string[]): string {
  return createHash('sha256').update(`${re.source}\0${re.flags}\0${keywords.join('\0')}`).digest('base64url').slice(0, 16);
}

// Cross products of literal alternatives stay small; past this the analysis stops expanding.
const MAX_STRINGS = 512;

type Node = AST.Pattern | AST.Alternative | AST.Element | AST.CharacterClassElement;

class Analysis {
  // strings() is asked of the same nodes again and again (each run of a sequence, each level).
  private readonly memo = new Map<Node, string[] | undefined>();

  constructor(private readonly keywords: string[]) {}

  /** Offset bound of a keyword in every string of `strings`, or undefined if one lacks a keyword. */
  private leadIn(strings: string[]): number | undefined {
    let worst = 0;
    for (const s of strings) {
      let best = Infinity;
      for (const k of this.keywords) {
        const at = s.indexOf(k);
        if (at >= 0 && at < best) best = at;
      }
      if (best === Infinity) return undefined;
      worst = Math.max(worst, best);
    }
    return worst;
  }

  /** The strings (lower-cased) the node can match, when they are few; undefined otherwise. */
  strings(node: Node): string[] | undefined {
    if (!this.memo.has(node)) this.memo.set(node, this.expand(node));
    return this.memo.get(node);
  }

  private expand(node: Node): string[] | undefined {
    switch (node.type) {
      case 'Character':
        return [this.fold(String.fromCodePoint(node.value))];
      case 'CharacterClass': {
        if (node.negate) return undefined;
        const out = new Set<string>();
        for (const e of node.elements) {
          if (e.type !== 'Character') return undefined;
          out.add(this.fold(String.fromCodePoint(e.value)));
        }
        return out.size > 0 && out.size <= 8 ? [...out] : undefined;
      }
      case 'Assertion':
        // Zero width: consumes nothing, so it neither adds to nor breaks a run of literals.
        return [''];
      case 'Group':
      case 'CapturingGroup':
      case 'Pattern':
        return this.union(node.alternatives);
      case 'Alternative':
        return this.product(node.elements.map((e) => this.strings(e)));
      case 'Quantifier': {
        if (node.max > 3) return undefined;
        const inner = this.strings(node.element);
        if (!inner) return undefined;
        let out: string[] = [];
        for (let n = node.min; n <= node.max; n++) {
          const rep = this.product(Array(n).fill(inner));
          if (!rep) return undefined;
          out.push(...rep);
        }
        out = [...new Set(out)];
        return out.length <= MAX_STRINGS ? out : undefined;
      }
      default:
        return undefined;
    }
  }

  private union(alts: AST.Alternative[]): string[] | undefined {
    const out = new Set<string>();
    for (const a of alts) {
      const s = this.strings(a);
      if (!s) return undefined;
      for (const x of s) out.add(x);
      if (out.size > MAX_STRINGS) return undefined;
    }
    return [...out];
  }

  private product(parts: (string[] | undefined)[]): string[] | undefined {
    let acc = [''];
    for (const p of parts) {
      if (!p) return undefined;
      const next = new Set<string>();
      for (const a of acc) for (const b of p) next.add(a + b);
      if (next.size > MAX_STRINGS) return undefined;
      acc = [...next];
    }
    return acc;
  }

  /** Longest match of the node (Infinity when unbounded or unknown). */
  maxLength(node: Node): number {
    switch (node.type) {
      case 'Character':
      case 'CharacterClass':
      case 'CharacterSet':
      case 'CharacterClassRange':
        return 1;
      case 'Assertion':
        return 0;
      case 'Group':
      case 'CapturingGroup':
      case 'Pattern':
        return Math.max(...node.alternatives.map((a) => this.maxLength(a)));
      case 'Alternative':
        return node.elements.reduce((n, e) => n + this.maxLength(e), 0);
      case 'Quantifier':
        return node.max === Infinity ? Infinity : node.max * this.maxLength(node.element);
      default:
        return Infinity; // back-references, and anything else
    }
  }

  /** Offset bound from the node's match start to a keyword inside every match, if there is one. */
  lead(node: Node): number | undefined {
    const whole = this.strings(node);
    if (whole) return this.leadIn(whole);
    switch (node.type) {
      case 'Group':
      case 'CapturingGroup':
      case 'Pattern': {
        let worst = 0;
        for (const a of node.alternatives) {
          const l = this.lead(a);
          if (l === undefined) return undefined;
          worst = Math.max(worst, l);
        }
        return worst;
      }
      case 'Quantifier':
        return node.min >= 1 ? this.lead(node.element) : undefined;
      case 'Alternative':
        return this.sequenceLead(node.elements);
      default:
        return undefined;
    }
  }

  /**
   * In a sequence, a keyword may lie inside one element or span a run of literal elements
   * (`(?:postgres|bolt)://` holds `bolt://`); any element or run that always holds one bounds the
   * lead by the longest prefix before it plus its own lead. The smallest such bound wins.
   */
  private sequenceLead(elements: AST.Element[]): number | undefined {
    let best: number | undefined;
    const consider = (at: number, l: number | undefined) => {
      if (l === undefined) return;
      let prefix = 0;
      for (let i = 0; i < at; i++) prefix += this.maxLength(elements[i]);
      const bound = prefix + l;
      if (best === undefined || bound < best) best = bound;
    };
    for (let i = 0; i < elements.length; i++) {
      consider(i, this.lead(elements[i]));
      // Runs of literal elements starting here, as long as they expand.
      let acc: string[] | undefined = [''];
      for (let j = i; j < elements.length && acc; j++) {
        const s = this.strings(elements[j]);
        acc = s ? this.product([acc, s]) : undefined;
        if (acc && j > i) consider(i, this.leadIn(acc));
      }
    }
    return best;
  }

  private fold(s: string): string {
    // Keyword search folds ASCII case only; the regex's own case-insensitivity does not matter
    // here, because a literal in the text is found by the keyword search in either case.
    return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  }
}

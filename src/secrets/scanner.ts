import { createHash } from 'node:crypto';
import { fingerprint } from '../core/fingerprint.js';
import type { Finding } from '../core/types.js';
import { isAscii } from 'node:buffer';
import { KeywordMatcher } from './aho-corasick.js';
import { keywordLead } from './keyword-lead.js';
import { shannonEntropy } from './entropy.js';
import { buildIgnoreMap } from './inline-ignore.js';
import { redact, redactIn, secretHash } from './redact.js';
import { builtinRules } from './rules/index.js';
import type { SecretRule, SecretScanOptions } from './types.js';

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

/** A pathological file: enough matches of one rule. */
const MAX_MATCHES = 10000;

/** Bytes sniffed for a NUL to call a file binary (git and grep use the same idea). */
const SNIFF_BYTES = 8000;

export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, SNIFF_BYTES);
  // Native search (memchr) on a Buffer view: every file the walk offers passes through here.
  return Buffer.from(buf.buffer, buf.byteOffset, n).indexOf(0) !== -1;
}

/** Test-fixture paths: skipped only when the user asks (--skip-test-paths). */
const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|spec|fixtures?|testdata|test-fixtures|__fixtures__)\/|(?:_test\.go|\.test\.[jt]sx?|\.spec\.[jt]sx?|_spec\.rb|test_[^/]*\.py)$/i;

interface Compiled {
  rule: SecretRule;
  re: RegExp;
  names: string[];
  /** keywordLead() of the rule, worked out on first use (null: none); see keyword-lead.ts. */
  lead?: number | null;
  /** The regex with the sticky flag, for matching at chosen positions. */
  sticky?: RegExp;
  /** Which keyword ids are this rule's. */
  ownKeywords?: Uint8Array;
}

interface Hit {
  c: Compiled;
  start: number;
  end: number;
  secret: string;
}

const ruleNames = (r: SecretRule) => [r.id, ...r.aliases];
const matchesName = (r: SecretRule, list: string[] | undefined) =>
  !!list?.some((n) => {
    const t = n.trim().toLowerCase();
    return ruleNames(r).some((x) => x.toLowerCase() === t || x.toLowerCase().split('/').pop() === t);
  });

/**
 * A compiled rule set: the keyword automaton over every rule's keywords, and per keyword the
 * rules it unlocks. Build once, scan many files (workers build their own).
 */
export class SecretScanner {
  readonly rules: Compiled[];
  private readonly matcher: KeywordMatcher;
  private readonly keywordRules: number[][];
  private readonly always: number[];
  private readonly pathRules: number[];
  readonly custom: Set<SecretRule>;
  private readonly fileRules: Compiled[];
  private readonly keywordLength: number[];
  private readonly asciiKeywords: boolean;

  /** `exhaustive`: every rule over the whole text, never the keyword-lead shortcut (tests compare the two). */
  constructor(
    readonly opts: SecretScanOptions = {},
    private readonly exhaustive = false,
  ) {
    const all = [...builtinRules, ...(opts.extraRules ?? [])];
    this.custom = new Set(opts.extraRules ?? []);
    const active = all
      .filter((r) => (r.defaultOff ? matchesName(r, opts.enableRules) : !matchesName(r, opts.disableRules)))
      .filter((r) => !opts.onlyBuiltinRules || this.custom.has(r) || matchesName(r, opts.onlyBuiltinRules));
    const compiled = active.map((rule) => ({
      rule,
      re: new RegExp(rule.regex.source, [...new Set((rule.regex.flags + 'gd').split(''))].join('')),
      names: ruleNames(rule),
    }));
    this.fileRules = compiled.filter((c) => c.rule.fileCheck);
    this.rules = compiled.filter((c) => !c.rule.fileCheck);
    const kwIndex = new Map<string, number>();
    const kwRules: number[][] = [];
    const always: number[] = [];
    const pathRules: number[] = [];
    this.rules.forEach((c, i) => {
      // A rule for one kind of file (.pgpass, .npmrc) is matched only in such files: its keywords
      // (pgpass: ':') stay out of the automaton every other file goes through.
      if (c.rule.paths) return void pathRules.push(i);
      if (c.rule.keywords.length === 0) always.push(i);
      for (const k of c.rule.keywords) {
        const kw = k.toLowerCase();
        let id = kwIndex.get(kw);
        if (id === undefined) {
          id = kwRules.length;
          kwIndex.set(kw, id);
          kwRules.push([]);
        }
        kwRules[id].push(i);
      }
    });
    this.matcher = new KeywordMatcher([...kwIndex.keys()]);
    this.keywordLength = [...kwIndex.keys()].map((k) => Buffer.byteLength(k));
    this.asciiKeywords = [...kwIndex.keys()].every((k) => /^[\x00-\x7f]*$/.test(k));
    this.keywordRules = kwRules;
    this.always = always;
    this.pathRules = pathRules;
  }

  /** Cheap path-and-size test: no body is read when this is false. */
  wantsPath(path: string, size: number): boolean {
    if (size > (this.opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE)) return false;
    if (this.opts.skipTestPaths && TEST_PATH.test(path)) return false;
    if (this.opts.allowPaths?.some((re) => re.test(path))) return false;
    return true;
  }

  /**
   * True when `head` (the first bytes of a body) proves scan() finds nothing: a NUL among them
   * makes the body binary, unless a whole-file rule (PKCS#12 keys) applies to this path.
   */
  rejectsHead(path: string, head: Uint8Array): boolean {
    if (this.fileRules.some((c) => !c.rule.paths || c.rule.paths.test(path))) return false;
    return looksBinary(head);
  }

  /** Scans one file body. Binary bodies and bodies over the size cap give no findings. */
  scan(path: string, content: Buffer | string, extra: { layer?: string; target?: string; lineOffset?: number } = {}): Finding[] {
    const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (!this.wantsPath(path, buf.length)) return [];
    const fileHits: Hit[] = [];
    for (const c of this.fileRules) {
      if (c.rule.paths && !c.rule.paths.test(path)) continue;
      if (c.rule.fileCheck!(buf)) fileHits.push({ c, start: 0, end: 0, secret: createHash('sha256').update(buf).digest('hex') });
    }
    if (fileHits.length) return this.toFindings(path, '', fileHits, extra);
    if (typeof content !== 'string' && looksBinary(buf)) return [];
    // Keyword hits are positions in the text the regexes run on: byte offsets when every byte is
    // one character (ASCII, decoded as latin1: the same string, faster), else offsets in the
    // decoded string (the automaton runs on it instead).
    const ascii = isAscii(buf);
    let text = typeof content === 'string' ? content : ascii ? undefined : buf.toString('utf8');
    // A custom rule's non-ASCII keyword is found in the bytes only; then no positions either.
    const positions = ascii || this.asciiKeywords;
    const kws = text === undefined ? this.matcher.searchWithHits(buf) : positions ? this.matcher.searchStringWithHits(text) : this.matcher.search(buf);
    const candidates = new Set<number>(this.always);
    for (const k of kws) for (const r of this.keywordRules[k]) candidates.add(r);
    let lower: string | undefined;
    for (const r of this.pathRules) {
      const { paths, keywords } = this.rules[r].rule;
      if (!paths!.test(path)) continue;
      lower ??= buf.toString('latin1').toLowerCase();
      if (keywords.length === 0 || keywords.some((k) => lower!.includes(k))) candidates.add(r);
    }
    if (candidates.size === 0) return [];
    text ??= buf.toString('latin1');
    const hits: Hit[] = [];
    for (const i of [...candidates].sort((a, b) => a - b)) {
      const c = this.rules[i];
      if (c.rule.paths && !c.rule.paths.test(path)) continue;
      if (c.rule.pathFilter && !c.rule.pathFilter(path)) continue;
      // On non-ASCII text, a /u regex may match a keyword's letters in other scripts' case forms
      // (K: Kelvin sign), which the keyword search does not see: those match everywhere.
      const lead = positions && !c.rule.paths && !this.exhaustive && (ascii || !/[uv]/.test(c.re.flags)) ? this.leadOf(c) : null;
      if (lead !== null) this.matchNearKeywords(c, lead, text, hits);
      else this.matchEverywhere(c, text, hits);
    }
    if (hits.length === 0) return [];
    const kept = this.outsideExcludedBlocks(text, hits);
    if (kept.length === 0) return [];
    return this.toFindings(path, text, dedupe.call(this, kept), extra);
  }

  private leadOf(c: Compiled): number | null {
    if (c.lead === undefined) {
      c.lead = keywordLead(c.rule.regex, c.rule.keywords) ?? null;
      if (c.lead !== null) {
        c.sticky = new RegExp(c.re.source, c.re.flags + 'y');
        c.ownKeywords = new Uint8Array(this.keywordLength.length);
        for (const k of c.rule.keywords) {
          const id = this.matcher.keywords.indexOf(k.toLowerCase());
          if (id >= 0) c.ownKeywords[id] = 1;
        }
      }
    }
    return c.lead;
  }

  /** The whole text, left to right (the engine tries every position). */
  private matchEverywhere(c: Compiled, text: string, hits: Hit[]): void {
    c.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = c.re.exec(text)) !== null) {
      if (m[0].length === 0) c.re.lastIndex++;
      if (++guard > MAX_MATCHES) break;
      this.onMatch(c, m, text, hits);
    }
  }

  /**
   * Only where a match can start: at most `lead` characters before one of the rule's keyword
   * hits. Candidate starts are tried in order with a sticky regex, and a match moves the cursor
   * past it, so the matches are the ones matchEverywhere() finds (keyword-lead.ts says why).
   */
  private matchNearKeywords(c: Compiled, lead: number, text: string, hits: Hit[]): void {
    const { ids, ends, count } = this.matcher.hits;
    const own = c.ownKeywords!;
    const starts: number[] = [];
    for (let k = 0; k < count; k++) if (own[ids[k]] === 1) starts.push(ends[k] - this.keywordLength[ids[k]] + 1);
    starts.sort((a, b) => a - b);
    const re = c.sticky!;
    let cursor = 0;
    let guard = 0;
    for (const p of starts) {
      for (let at = Math.max(cursor, p - lead); at <= p; at = Math.max(at + 1, cursor)) {
        re.lastIndex = at;
        const m = re.exec(text);
        if (m === null) {
          cursor = at + 1;
          continue;
        }
        cursor = at + Math.max(1, m[0].length);
        if (++guard > MAX_MATCHES) return;
        this.onMatch(c, m, text, hits);
      }
    }
  }

  /** One regex match: the secret (by group), its checks, and a hit if it passes. */
  private onMatch(c: Compiled, m: RegExpExecArray, text: string, hits: Hit[]): void {
    const groups = (m.groups ?? {}) as Record<string, string | undefined>;
    let secret = m[0];
    let start = m.index;
    const gi = m.indices!;
    const g0 = c.rule.secretGroup;
    if (typeof g0 === 'number') {
      if (g0 > 0 && m[g0] === undefined) return;
      const secretN = g0 > 0 ? m[g0]! : m[0];
      const startN = g0 > 0 ? gi[g0]![0] : m.index;
      if (!this.accept(c, secretN, groups, m[0], text, startN, m.index)) return;
      hits.push({ c, start: startN, end: startN + secretN.length, secret: secretN });
      return;
    }
    const named = g0 !== undefined ? (groups[g0] !== undefined ? g0 : Object.keys(groups).find((k) => k.startsWith(`${g0}__`) && groups[k] !== undefined)) : groups.secret !== undefined ? 'secret' : groups.secret2 !== undefined ? 'secret2' : undefined;
    if (named && gi.groups?.[named]) {
      secret = groups[named]!;
      start = gi.groups[named]![0];
    } else if (m.length > 1 && m[1] !== undefined && gi[1]) {
      secret = m[1];
      start = gi[1][0];
    }
    if (!this.accept(c, secret, groups, m[0], text, start, m.index)) return;
    hits.push({ c, start, end: start + secret.length, secret });
  }

  /** Drops hits inside an exclude-block (global, or the rule's own). */
  private outsideExcludedBlocks(text: string, hits: Hit[]): Hit[] {
    const ranges = (res: RegExp[] | undefined) => {
      const out: [number, number][] = [];
      for (const re of res ?? []) {
        const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
        for (const m of text.matchAll(g)) out.push([m.index!, m.index! + m[0].length]);
      }
      return out;
    };
    const global = ranges(this.opts.excludeBlocks);
    const inside = (h: Hit, rs: [number, number][]) => rs.some(([a, b]) => h.start >= a && h.end <= b);
    return hits.filter((h) => !inside(h, global) && !(h.c.rule.excludeBlocks?.length && inside(h, ranges(h.c.rule.excludeBlocks))));
  }

  private accept(c: Compiled, secret: string, groups: Record<string, string | undefined>, match: string, text: string, at: number, matchAt: number): boolean {
    const r = c.rule;
    if (!secret) return false;
    if (r.entropy !== undefined && shannonEntropy(secret) < r.entropy) return false;
    if (r.stopwords) {
      const low = secret.toLowerCase();
      if (r.stopwords.some((w) => low.includes(w))) return false;
    }
    if (r.allowSecrets?.some((re) => re.test(secret))) return false;
    if (this.opts.allowSecrets?.some((re) => re.test(secret) || re.test(match))) return false;
    const byRule = this.opts.allowSecretsByRule?.[r.id];
    if (byRule?.some((re) => re.test(secret) || re.test(match))) return false;
    if (r.allowLines) {
      const ls = text.lastIndexOf('\n', at - 1) + 1;
      let le = text.indexOf('\n', at);
      if (le < 0) le = text.length;
      const line = text.slice(ls, le);
      if (r.allowLines.some((re) => re.test(line))) return false;
    }
    if (r.validate) {
      const ls = text.lastIndexOf('\n', matchAt - 1) + 1;
      let le = text.indexOf('\n', matchAt);
      if (le < 0) le = text.length;
      if (!r.validate(secret, groups, match, text.slice(ls, matchAt), text.slice(ls, le))) return false;
    }
    return true;
  }

  private toFindings(path: string, text: string, hits: Hit[], extra: { layer?: string; target?: string; lineOffset?: number }): Finding[] {
    const nl: number[] = [];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) nl.push(i);
    const lineOf = (off: number) => {
      let lo = 0;
      let hi = nl.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (nl[mid] < off) lo = mid + 1;
        else hi = mid;
      }
      return lo + 1;
    };
    const ignores = buildIgnoreMap(text);
    const layer = extra.layer ?? this.opts.layer;
    const target = extra.target ?? this.opts.target ?? path;
    const out: Finding[] = [];
    for (const h of hits) {
      const line = lineOf(h.start) + (extra.lineOffset ?? 0);
      const endLine = lineOf(Math.max(h.start, h.end - 1)) + (extra.lineOffset ?? 0);
      if (ignores.ignored(line - (extra.lineOffset ?? 0), h.c.names)) continue;
      const r = h.c.rule;
      const ls = text.lastIndexOf('\n', h.start - 1) + 1;
      let le = text.indexOf('\n', h.start);
      if (le < 0) le = text.length;
      let code = text.slice(ls, Math.min(le, ls + 400)).replace(/\r$/, '');
      const shown = r.fileCheck ? '(whole file)' : this.opts.noRedact ? h.secret : redact(h.secret);
      if (!this.opts.noRedact) code = redactIn(code, h.secret.split('\n')[0]);
      const hash = secretHash(h.secret);
      out.push({
        kind: 'secret',
        id: r.id,
        aliases: r.aliases,
        severity: r.severity,
        title: r.title,
        target,
        location: { path, line, endLine, ...(layer ? { layer } : {}) },
        // Rule + location + WHICH secret: an ignore survives re-runs and re-builds of the same content.
        fingerprint: fingerprint('secret', r.id, path, line, hash),
        description: r.why,
        fix: r.fix,
        references: r.references,
        slug: r.slug,
        category: r.category,
        match: shown,
        code,
        secretHash: hash,
      });
    }
    return out;
  }
}

/** Overlapping matches of the same text: the specific rule wins over a generic one, then the longer match. */
function dedupe(this: { custom: Set<SecretRule> }, hits: Hit[]): Hit[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const h of hits) {
    let drop = false;
    for (let k = kept.length - 1; k >= 0; k--) {
      const o = kept[k];
      if (o.end <= h.start) continue;
      if (h.end <= o.start) continue;
      // Overlap: decide who stays.
      const hGen = !!h.c.rule.generic;
      const oGen = !!o.c.rule.generic;
      if (hGen && !oGen) { drop = true; break; }
      if (oGen && !hGen) { kept.splice(k, 1); continue; }
      // A user's own rule is never hidden by a built-in one on the same text.
      if (h.c !== o.c && (this.custom.has(h.c.rule) || this.custom.has(o.c.rule))) continue;
      if (h.c === o.c || h.end - h.start <= o.end - o.start) { drop = true; break; }
      kept.splice(k, 1);
    }
    if (!drop) kept.push(h);
  }
  return kept.sort((a, b) => a.start - b.start);
}

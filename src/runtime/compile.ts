/**
 * Compiles a loaded rule set into JavaScript closures: every condition becomes one
 * `(event) => boolean` built from nested closures, with lists and macros expanded and field
 * arguments parsed once, so evaluating an event never walks an AST.
 */
import { configError } from '../core/errors.js';
import { ConditionSyntaxError, parseCondition, type Ast, type CmpOp, type FieldRef, type Operand } from './condition/parser.js';
import { compareValues, pathPrefixPredicate, scalarPredicate, type StrPred } from './condition/ops.js';
import type { Extractor, FieldSource, FieldValue } from './fields/types.js';
import { fmtLoc, type ExceptionDef, type Loc, type RuleDef, type RuleSet } from './loader.js';
import type { Priority } from './priority.js';

export type Pred<E> = (e: E) => boolean;
type MemoEvent = { memo?: Uint8Array; memoOwner?: object };

/** Forgets macro results cached on an event (call before evaluating it). */
export function clearMemo(e: object): void {
  const m = (e as MemoEvent).memo;
  if (m) m.fill(0);
}

export interface OutputPart<E> {
  text?: string;
  field?: { key: string; get: Extractor<E> };
}

export interface CompiledRule<E> {
  name: string;
  desc: string;
  priority: Priority;
  source: string;
  tags: string[];
  enabled: boolean;
  match: Pred<E>;
  output: OutputPart<E>[];
  /** Field names (as written) the output refers to, in order, for output_fields. */
  outputFields: string[];
  loc: Loc;
}

export interface SkippedRule {
  rule: string;
  source: string;
  reason: string;
  loc: string;
}

export interface CompiledRuleSet<E> {
  rules: CompiledRule<E>[];
  skipped: SkippedRule[];
  warnings: string[];
}

class CompileError extends Error {
  constructor(
    message: string,
    readonly pos?: number,
    /** Set once the message names the macro it came from, so outer macros only fix the position. */
    readonly located = false,
  ) {
    super(message);
  }
}

const LIST_OPS = new Set<CmpOp>(['in', 'intersects', 'pmatch']);
const EXCEPTION_COMPS = new Set<string>(['=', '!=', '<', '<=', '>', '>=', 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'glob', 'iglob', 'pmatch', 'in', 'intersects', 'regex']);

/** Per-rule-set compiler state: parsed macros (cached), list expansion with loop detection. */
class Compiler<E> {
  private macroAsts = new Map<string, Ast>();
  private expandedLists = new Map<string, string[]>();
  private macroPreds = new Map<string, Pred<E>>();
  warnings = new Set<string>();

  constructor(
    readonly set: RuleSet,
    readonly src: FieldSource<E> | undefined,
  ) {}

  listItems(name: string, stack: string[] = []): string[] | undefined {
    const def = this.set.lists.get(name);
    if (!def) return undefined;
    const cached = this.expandedLists.get(name);
    if (cached) return cached;
    if (stack.includes(name)) throw new CompileError(`list loop: ${[...stack, name].join(' -> ')}`);
    const out: string[] = [];
    for (const it of def.items) {
      const sub = this.set.lists.has(it) ? this.listItems(it, [...stack, name]) : undefined;
      if (sub) out.push(...sub);
      else out.push(it);
    }
    this.expandedLists.set(name, out);
    return out;
  }

  macroAst(name: string): Ast {
    let ast = this.macroAsts.get(name);
    if (ast) return ast;
    const def = this.set.macros.get(name);
    if (!def) throw new CompileError(`undefined macro "${name}"`);
    try {
      ast = parseCondition(def.condition);
    } catch (e) {
      if (e instanceof ConditionSyntaxError) throw new CompileError(`in macro "${name}" (${fmtLoc(def.loc)}): ${e.message} at column ${e.pos + 1}`);
      throw e;
    }
    this.macroAsts.set(name, ast);
    return ast;
  }

  /** Validates macro references recursively (no field checks): for rules of sources without events. */
  checkMacros(ast: Ast, stack: string[]): void {
    switch (ast.kind) {
      case 'and':
      case 'or':
        for (const x of ast.items) this.checkMacros(x, stack);
        return;
      case 'not':
        return this.checkMacros(ast.item, stack);
      case 'macro':
        if (stack.includes(ast.name)) throw new CompileError(`macro loop: ${[...stack, ast.name].join(' -> ')}`);
        this.checkMacros(this.macroAst(ast.name), [...stack, ast.name]);
        return;
      case 'check':
        for (const o of ast.list ?? []) if (o.kind === 'lit') this.listItems(o.value);
        return;
    }
  }

  /** Number of memoized macros; each event's memo array has one slot per macro. */
  macroSlots = 0;
  /** Identifies this compilation's memo arrays on events. */
  readonly memoOwner = {};

  /**
   * Caches a macro's result per event: upstream rules start with the same macros (kevt, pod,
   * kcreate…), so each is computed once per event instead of once per rule. Sound because
   * macros are pure functions of the event. The engine clears the memo before each event.
   */
  memoize(p: Pred<E>): Pred<E> {
    const slot = this.macroSlots++;
    const owner = this.memoOwner;
    return (e) => {
      const ev = e as unknown as MemoEvent;
      let m = ev.memo;
      if (ev.memoOwner !== owner || !m) {
        m = ev.memo = new Uint8Array(this.macroSlots);
        ev.memoOwner = owner;
      }
      const c = m[slot];
      if (c) return c === 1;
      const r = p(e);
      m[slot] = r ? 1 : 2;
      return r;
    };
  }

  compile(ast: Ast, stack: string[]): Pred<E> {
    switch (ast.kind) {
      case 'and': {
        const ps = ast.items.map((x) => this.compile(x, stack));
        if (ps.length === 2) {
          const [a, b] = ps;
          return (e) => a(e) && b(e);
        }
        return (e) => {
          for (const p of ps) if (!p(e)) return false;
          return true;
        };
      }
      case 'or': {
        const ps = ast.items.map((x) => this.compile(x, stack));
        if (ps.length === 2) {
          const [a, b] = ps;
          return (e) => a(e) || b(e);
        }
        return (e) => {
          for (const p of ps) if (p(e)) return true;
          return false;
        };
      }
      case 'not': {
        const p = this.compile(ast.item, stack);
        return (e) => !p(e);
      }
      case 'macro': {
        if (stack.includes(ast.name)) throw new CompileError(`macro loop: ${[...stack, ast.name].join(' -> ')}`, ast.pos, true);
        const cached = this.macroPreds.get(ast.name);
        if (cached) return cached;
        let ast2: Ast;
        try {
          ast2 = this.macroAst(ast.name);
        } catch (e) {
          if (e instanceof CompileError) throw new CompileError(e.message, ast.pos, true);
          throw e;
        }
        try {
          const p = this.memoize(this.compile(ast2, [...stack, ast.name]));
          this.macroPreds.set(ast.name, p);
          return p;
        } catch (e) {
          if (!(e instanceof CompileError)) throw e;
          if (e.located) throw new CompileError(e.message, ast.pos, true);
          const def = this.set.macros.get(ast.name);
          const col = e.pos !== undefined ? ` at column ${e.pos + 1}` : '';
          throw new CompileError(`in macro "${ast.name}" (${def ? fmtLoc(def.loc) : '?'}): ${e.message}${col}`, ast.pos, true);
        }
      }
      case 'check':
        return this.compileCheck(ast);
    }
  }

  fieldGetter(f: FieldRef): { get: Extractor<E>; list: boolean } {
    const src = this.src as FieldSource<E>;
    const def = src.fields.get(f.name);
    if (!def) throw new CompileError(`unknown field "${f.name}" for source ${src.source}`, f.pos);
    if (def.arg === 'required' && (f.arg === undefined || f.arg === '')) throw new CompileError(`field "${f.name}" requires an argument, e.g. ${f.name}[…]`, f.pos);
    if (def.arg === 'none' && f.arg !== undefined) throw new CompileError(`field "${f.name}" takes no argument`, f.pos);
    let get: Extractor<E>;
    try {
      get = def.make(f.arg);
    } catch (e) {
      throw new CompileError(`field "${f.name}[${f.arg}]": ${(e as Error).message}`, f.pos);
    }
    let list = def.list;
    for (const t of f.transformers) {
      const inner = get;
      const map = (fn: (s: string) => string): Extractor<E> => (e) => {
        const v = inner(e);
        return v === undefined ? undefined : typeof v === 'string' ? fn(v) : v.map(fn);
      };
      switch (t) {
        case 'tolower':
          get = map((s) => s.toLowerCase());
          break;
        case 'toupper':
          get = map((s) => s.toUpperCase());
          break;
        case 'b64':
          get = map((s) => Buffer.from(s, 'base64').toString('utf8'));
          break;
        case 'basename':
          get = map((s) => (s.endsWith('/') ? '' : s.slice(s.lastIndexOf('/') + 1)));
          break;
        case 'len':
          get = (e) => {
            const v = inner(e);
            return v === undefined ? undefined : String(v.length);
          };
          list = false;
          break;
        default:
          throw new CompileError(`unknown transformer ${t}`, f.pos);
      }
    }
    return { get, list };
  }

  /** The constant strings of a list operand, list names expanded (as Falco does). */
  listValues(ops: Operand[]): string[] {
    const out: string[] = [];
    for (const o of ops) {
      if (o.kind !== 'lit') throw new CompileError('a field (val(…)) cannot be a list item', o.pos);
      const items = this.listItems(o.value);
      if (items) out.push(...items);
      else out.push(o.value);
    }
    return out;
  }

  compileCheck(ast: Extract<Ast, { kind: 'check' }>): Pred<E> {
    const { get, list } = this.fieldGetter(ast.field);
    const op = ast.op;
    if (op === 'exists') {
      return (e) => {
        const v = get(e);
        return v !== undefined && (typeof v === 'string' || v.length > 0);
      };
    }
    if (ast.value?.kind === 'fieldval') {
      const rhs = this.fieldGetter(ast.value.field).get;
      return (e) => {
        const v = get(e);
        const r = rhs(e);
        if (typeof v !== 'string' || typeof r !== 'string') return false;
        return compareValues(op, v, r);
      };
    }
    let scalar: StrPred;
    let set: Set<string> | undefined;
    if (LIST_OPS.has(op)) {
      const values = this.listValues(ast.list ?? (ast.value ? [ast.value] : []));
      if (op === 'pmatch') scalar = pathPrefixPredicate(values);
      else {
        const s = new Set(values);
        set = s;
        scalar = (v) => s.has(v);
      }
    } else {
      const rhs = ast.value as Operand & { kind: 'lit' };
      try {
        scalar = scalarPredicate(op, rhs.value);
      } catch (e) {
        throw new CompileError(`invalid value for ${op}: ${(e as Error).message}`, rhs.pos);
      }
    }
    if (!list) {
      return (e) => {
        const v = get(e);
        return typeof v === 'string' && scalar(v);
      };
    }
    // List fields: `in` needs every value in the set, `intersects` any; Falco accepts only these
    // (and exists) on list fields, so other operators are evaluated as "any element matches".
    if (op === 'in' && set) {
      const s = set;
      return (e) => {
        const v = get(e) as string[] | undefined;
        if (!v || v.length === 0) return false;
        for (const x of v) if (!s.has(x)) return false;
        return true;
      };
    }
    if (op !== 'intersects' && op !== 'in') {
      this.warnings.add(`list field "${ast.field.name}" used with "${op}": evaluated as "any element matches" (Falco supports only exists, in, intersects on list fields)`);
    }
    return (e) => {
      const v = get(e) as string[] | undefined;
      if (!v) return false;
      for (const x of v) if (scalar(x)) return true;
      return false;
    };
  }

  /** Parses a Falco output format: `%field` / `%field[arg]` placeholders in literal text. */
  compileOutput(fmt: string): { parts: OutputPart<E>[]; fields: string[] } {
    const parts: OutputPart<E>[] = [];
    const fields: string[] = [];
    const re = /%([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+)(\[[^\]]*\])?/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(fmt))) {
      if (m.index > last) parts.push({ text: fmt.slice(last, m.index) });
      const arg = m[2] ? m[2].slice(1, -1) : undefined;
      const key = m[1] + (m[2] ?? '');
      const { get } = this.fieldGetter({ kind: 'field', name: m[1], arg, transformers: [], pos: m.index });
      parts.push({ field: { key, get } });
      if (!fields.includes(key)) fields.push(key);
      last = m.index + m[0].length;
    }
    if (last < fmt.length) parts.push({ text: fmt.slice(last) });
    return { parts, fields };
  }
}

/** Builds the AST of a rule's exceptions: `not ((tuple1) or (tuple2) …)`, or undefined when none apply. */
export function exceptionsAst(exs: ExceptionDef[], where: string): Ast | undefined {
  const alts: Ast[] = [];
  const fieldOf = (name: unknown): FieldRef => {
    let ast: Ast | undefined;
    try {
      if (typeof name === 'string') ast = parseCondition(`${name} exists`);
    } catch {
      /* reported below */
    }
    if (ast?.kind !== 'check' || ast.op !== 'exists') throw configError(`invalid exception field "${String(name)}"`, where);
    return ast.field;
  };
  const lit = (v: unknown): Operand => ({ kind: 'lit', value: String(v), quoted: true, pos: 0 });
  const check = (field: string, comp: string, value: unknown): Ast => {
    const op = (comp === '==' ? '=' : comp) as CmpOp;
    if (!EXCEPTION_COMPS.has(op)) throw configError(`exception comparison operator "${String(comp)}" is not supported`, where);
    const f = fieldOf(field);
    if (LIST_OPS.has(op)) {
      const items = Array.isArray(value) ? value.map(lit) : [lit(value)];
      return { kind: 'check', field: f, op, list: items, pos: 0 };
    }
    return { kind: 'check', field: f, op, value: lit(value), pos: 0 };
  };
  for (const ex of exs) {
    if (!ex.values.length) continue;
    if (typeof ex.fields === 'string') {
      const comp = typeof ex.comps === 'string' ? ex.comps : 'in';
      if (LIST_OPS.has(comp as CmpOp)) alts.push(check(ex.fields, comp, ex.values));
      else for (const v of ex.values) alts.push(check(ex.fields, comp, v));
    } else {
      const comps = Array.isArray(ex.comps) ? ex.comps : ex.fields.map(() => '=');
      for (const tuple of ex.values as unknown[][]) {
        const items = ex.fields.map((f, i) => check(f, comps[i], tuple[i]));
        alts.push(items.length === 1 ? items[0] : { kind: 'and', items });
      }
    }
  }
  if (!alts.length) return undefined;
  return { kind: 'not', item: alts.length === 1 ? alts[0] : { kind: 'or', items: alts } };
}

/**
 * Compiles every rule of `set`. Rules of `source` are compiled to closures (errors are CONFIG
 * errors naming file, rule and column); rules of other sources are syntax-checked and reported
 * as skipped, since this engine has no event stream for them.
 */
export function compileRuleSet<E>(set: RuleSet, src: FieldSource<E>): CompiledRuleSet<E> {
  const c = new Compiler<E>(set, src);
  const other = new Compiler<E>(set, undefined);
  const rules: CompiledRule<E>[] = [];
  const skipped: SkippedRule[] = [];
  const warnings: string[] = [];
  for (const r of set.rules) {
    const where = `${fmtLoc(r.loc)}: rule "${r.name}"`;
    let ast: Ast;
    try {
      ast = parseCondition(r.condition);
    } catch (e) {
      if (!(e instanceof ConditionSyntaxError)) throw e;
      const msg = `condition: ${e.message} at column ${e.pos + 1}`;
      if (r.source !== src.source) {
        skipped.push({ rule: r.name, source: r.source, reason: `not evaluated: ${msg}`, loc: fmtLoc(r.loc) });
        continue;
      }
      throw configError(`invalid rule: ${msg}`, exactWhere(r, e.pos) ?? where);
    }
    const exAst = exceptionsAst(r.exceptions, where);
    if (exAst) ast = { kind: 'and', items: [ast, exAst] };
    if (r.source !== src.source) {
      try {
        other.checkMacros(ast, []);
        skipped.push({ rule: r.name, source: r.source, reason: `loaded and syntax-checked; not evaluated: no ${r.source} event stream (only ${src.source})`, loc: fmtLoc(r.loc) });
      } catch (e) {
        if (!(e instanceof CompileError)) throw e;
        skipped.push({ rule: r.name, source: r.source, reason: `not evaluated: ${e.message}`, loc: fmtLoc(r.loc) });
      }
      continue;
    }
    rules.push(compileRule(c, r, ast, where, skipped));
  }
  for (const w of c.warnings) warnings.push(w);
  // Falco rejects macros it cannot parse even when unused; here that only matters for rules we
  // evaluate (already checked above), so the rest are reported, not fatal.
  for (const m of set.macros.values()) {
    try {
      parseCondition(m.condition);
    } catch (e) {
      if (!(e instanceof ConditionSyntaxError)) throw e;
      warnings.push(`macro "${m.name}" (${fmtLoc(m.loc)}): ${e.message} at column ${e.pos + 1}; no ${src.source} rule uses it`);
    }
  }
  return { rules: rules.filter((r) => r !== SKIP) as CompiledRule<E>[], skipped, warnings };
}

/** file:line:col of a position inside a one-line condition, with the rule name. */
function exactWhere(r: RuleDef, pos: number | undefined): string | undefined {
  if (!r.condExact || pos === undefined) return undefined;
  return `${r.loc.file}:${r.loc.line}:${r.loc.col + pos}: rule "${r.name}"`;
}

const SKIP = Symbol('skip') as unknown as CompiledRule<never>;

function compileRule<E>(c: Compiler<E>, r: RuleDef, ast: Ast, where: string, skipped: SkippedRule[]): CompiledRule<E> {
  let match: Pred<E>;
  let out: { parts: OutputPart<E>[]; fields: string[] };
  try {
    match = c.compile(ast, []);
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    if (r.skipIfUnknownFilter && /unknown field/.test(e.message)) {
      skipped.push({ rule: r.name, source: r.source, reason: `skip-if-unknown-filter: ${e.message}`, loc: fmtLoc(r.loc) });
      return SKIP as CompiledRule<E>;
    }
    const col = e.pos !== undefined && e.pos <= r.condition.length ? ` at column ${e.pos + 1}` : '';
    throw configError(`invalid rule: condition: ${e.message}${col}`, exactWhere(r, e.pos) ?? where);
  }
  try {
    // Folded YAML (>) leaves a trailing newline that has no place in a one-line alert.
    out = c.compileOutput(r.output.replace(/\s+$/, ''));
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    throw configError(`invalid rule: output: ${e.message} at column ${(e.pos ?? 0) + 1}`, where);
  }
  return {
    name: r.name,
    desc: r.desc,
    priority: r.priority,
    source: r.source,
    tags: r.tags,
    enabled: r.enabled,
    match,
    output: out.parts,
    outputFields: out.fields,
    loc: r.loc,
  };
}

/** Renders one extracted value as Falco prints it: lists as "(a,b)", missing as "<NA>". */
export function renderValue(v: FieldValue): string {
  if (v === undefined) return '<NA>';
  if (typeof v === 'string') return v;
  return v.length ? `(${v.join(',')})` : '<NA>';
}

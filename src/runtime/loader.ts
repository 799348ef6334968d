/**
 * Loads Falco rules YAML (lists, macros, rules, required_engine_version, append/override) into
 * one ordered rule set, applying Falco's merge semantics across files in load order. Conditions
 * are compiled later (compile.ts), once every file is in, because a later file may redefine a
 * macro or list an earlier rule uses (Falco does the same).
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseAllDocuments, isMap, isScalar, isSeq, type Node } from 'yaml';
import { configError } from '../core/errors.js';
import { parsePriority, type Priority } from './priority.js';

/** The Falco engine version whose rules language this engine implements. */
export const ENGINE_VERSION = '0.57.0';

export interface Loc {
  file: string;
  line: number;
  col: number;
}
export const fmtLoc = (l: Loc) => `${l.file}:${l.line}:${l.col}`;

export interface ListDef {
  name: string;
  items: string[];
  loc: Loc;
}
export interface MacroDef {
  name: string;
  condition: string;
  loc: Loc;
}
export interface ExceptionDef {
  name: string;
  /** A single field (values are scalars, default comp "in") or a tuple of fields. */
  fields: string | string[];
  comps: string | string[] | undefined;
  values: unknown[];
  loc: Loc;
}
export interface RuleDef {
  name: string;
  desc: string;
  condition: string;
  output: string;
  priority: Priority;
  source: string;
  tags: string[];
  enabled: boolean;
  exceptions: ExceptionDef[];
  skipIfUnknownFilter: boolean;
  /** Where the condition starts in the file. */
  loc: Loc;
  /** True when the condition is a one-line plain scalar, so a column in it maps to the file. */
  condExact: boolean;
}

export interface RuleSet {
  lists: Map<string, ListDef>;
  macros: Map<string, MacroDef>;
  /** In definition order; a redefined rule keeps its first position (as Falco's indexed vector). */
  rules: RuleDef[];
  requiredEngineVersions: { version: string; loc: Loc }[];
  /** Constructs noted but not acted on (required_plugin_versions, unknown keys…), with reasons. */
  notes: string[];
  files: string[];
}

export function emptyRuleSet(): RuleSet {
  return { lists: new Map(), macros: new Map(), rules: [], requiredEngineVersions: [], notes: [], files: [] };
}

/** Compares dotted versions numerically; a bare integer N means 0.N.0 (Falco's old engine numbers). */
export function compareVersions(a: string, b: string): number {
  const norm = (v: string) => {
    const s = String(v).trim();
    const parts = /^\d+$/.test(s) ? [0, Number(s), 0] : s.split('.').map((x) => Number(x));
    while (parts.length < 3) parts.push(0);
    return parts;
  };
  const pa = norm(a);
  const pb = norm(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

const RULE_KEYS = new Set(['rule', 'desc', 'condition', 'output', 'priority', 'source', 'tags', 'enabled', 'exceptions', 'append', 'override', 'skip-if-unknown-filter', 'warn_evttypes', 'capture', 'capture_duration']);
const APPENDABLE_RULE_KEYS = new Set(['condition', 'output', 'desc', 'tags', 'exceptions']);
const REPLACEABLE_RULE_KEYS = new Set(['condition', 'output', 'desc', 'priority', 'tags', 'exceptions', 'enabled', 'warn_evttypes', 'capture', 'capture_duration', 'skip-if-unknown-filter']);

export function loadRulesFile(set: RuleSet, path: string, text?: string): void {
  let body: string;
  try {
    body = text ?? readFileSync(path, 'utf8');
  } catch (e) {
    throw configError(`cannot read rules file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, path);
  }
  set.files.push(path);
  const lc = new LineCounter();
  const docs = parseAllDocuments(body, { lineCounter: lc, uniqueKeys: false });
  const docsArr = Array.isArray(docs) ? docs : [docs];
  const at = (node: Node | null | undefined, fallback = 0): Loc => {
    const off = node?.range?.[0] ?? fallback;
    const p = lc.linePos(off);
    return { file: path, line: p.line, col: p.col };
  };
  for (const doc of docsArr) {
    if (doc.errors.length) {
      const e = doc.errors[0];
      const p = e.linePos?.[0];
      throw configError(`rules file is not valid YAML: ${e.message.split('\n')[0]}`, p ? `${path}:${p.line}:${p.col}` : path);
    }
    const root = doc.contents;
    if (root === null || root === undefined) continue; // an empty document is allowed
    if (!isSeq(root)) {
      const v = doc.toJSON();
      if (v === null || v === undefined) continue;
      throw configError('rules content is not a YAML sequence of list/macro/rule items', fmtLoc(at(root as Node)));
    }
    for (const item of root.items) {
      const loc = at(item as Node);
      // An empty item ("-" alone) is tolerated, as Falco does.
      if (item === null || (isScalar(item) && (item.value === null || item.value === ''))) continue;
      if (!isMap(item)) throw configError('rules item is not a YAML mapping (expected list, macro or rule)', fmtLoc(loc));
      const obj = (item as { toJSON(): unknown }).toJSON() as Record<string, unknown>;
      const condNode = (item as { get(k: string, keep: true): Node | undefined }).get('condition', true);
      const condLoc = condNode ? at(condNode) : loc;
      const exact = !!condNode && isScalar(condNode) && condNode.type === 'PLAIN' && typeof condNode.source === 'string' && !condNode.source.includes('\n');
      loadItem(set, obj, loc, condLoc, exact);
    }
  }
}

function str(v: unknown, what: string, loc: Loc): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw configError(`${what} must be a string`, fmtLoc(loc));
}

function strList(v: unknown, what: string, loc: Loc): string[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw configError(`${what} must be a list`, fmtLoc(loc));
  return v.map((x) => {
    if (typeof x === 'string') return x;
    if (typeof x === 'number' || typeof x === 'boolean') return String(x);
    throw configError(`${what} items must be strings`, fmtLoc(loc));
  });
}

/** `override:` mapping, validated: key → 'append' | 'replace'. */
function overrides(obj: Record<string, unknown>, loc: Loc, what: string): Map<string, 'append' | 'replace'> | undefined {
  const o = obj.override;
  if (o === undefined) return undefined;
  if (obj.append !== undefined) throw configError(`${what}: "append" and "override" cannot be used together`, fmtLoc(loc));
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw configError(`${what}: "override" must be a mapping of key: append|replace`, fmtLoc(loc));
  const m = new Map<string, 'append' | 'replace'>();
  for (const [k, v] of Object.entries(o)) {
    if (v !== 'append' && v !== 'replace') throw configError(`${what}: override for "${k}" must be "append" or "replace"`, fmtLoc(loc));
    if (obj[k] === undefined) throw configError(`${what}: override for "${k}" has no "${k}" key beside it`, fmtLoc(loc));
    m.set(k, v);
  }
  return m;
}

function loadItem(set: RuleSet, obj: Record<string, unknown>, loc: Loc, condLoc: Loc, condExact: boolean): void {
  if ('required_engine_version' in obj) {
    const v = obj.required_engine_version;
    if (typeof v !== 'number' && (typeof v !== 'string' || !/^\d+(\.\d+){0,2}$/.test(v.trim())))
      throw configError('required_engine_version must be a number or a version like 0.31.0', fmtLoc(loc));
    set.requiredEngineVersions.push({ version: String(v), loc });
    if (compareVersions(String(v), ENGINE_VERSION) > 0)
      throw configError(`rules require engine version ${v}, but this engine implements ${ENGINE_VERSION}`, fmtLoc(loc));
    return;
  }
  if ('required_plugin_versions' in obj) {
    set.notes.push(`${fmtLoc(loc)}: required_plugin_versions noted, not enforced (fields are built in, no plugins are loaded)`);
    return;
  }
  if ('list' in obj) return loadList(set, obj, loc);
  if ('macro' in obj) return loadMacro(set, obj, loc, condLoc);
  if ('rule' in obj) return loadRule(set, obj, loc, condLoc, condExact);
  // Falco warns and skips unknown top-level objects.
  set.notes.push(`${fmtLoc(loc)}: unknown top-level item (keys: ${Object.keys(obj).join(', ')}) skipped`);
}

function loadList(set: RuleSet, obj: Record<string, unknown>, loc: Loc): void {
  const name = obj.list;
  if (typeof name !== 'string' || !name) throw configError('list has no name', fmtLoc(loc));
  const what = `list "${name}"`;
  if (!('items' in obj)) throw configError(`${what} has no "items"`, fmtLoc(loc));
  const items = strList(obj.items, `${what} items`, loc);
  const ov = overrides(obj, loc, what);
  const append = obj.append === true || ov?.get('items') === 'append';
  const prev = set.lists.get(name);
  if (append || ov?.get('items') === 'replace') {
    if (!prev) throw configError(`${what}: ${append ? 'append' : 'override'} to a list that is not defined`, fmtLoc(loc));
    prev.items = append ? [...prev.items, ...items] : items;
    return;
  }
  set.lists.set(name, { name, items, loc });
}

function loadMacro(set: RuleSet, obj: Record<string, unknown>, loc: Loc, condLoc: Loc): void {
  const name = obj.macro;
  if (typeof name !== 'string' || !name) throw configError('macro has no name', fmtLoc(loc));
  const what = `macro "${name}"`;
  if (!('condition' in obj)) throw configError(`${what} has no "condition"`, fmtLoc(loc));
  const condition = str(obj.condition, `${what} condition`, loc);
  const ov = overrides(obj, loc, what);
  const append = obj.append === true || ov?.get('condition') === 'append';
  const prev = set.macros.get(name);
  if (append || ov?.get('condition') === 'replace') {
    if (!prev) throw configError(`${what}: ${append ? 'append' : 'override'} to a macro that is not defined`, fmtLoc(loc));
    prev.condition = append ? `${prev.condition} ${condition}` : condition;
    return;
  }
  set.macros.set(name, { name, condition, loc: condLoc });
}

function parseExceptions(v: unknown, what: string, loc: Loc): ExceptionDef[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw configError(`${what}: exceptions must be a list`, fmtLoc(loc));
  return v.map((e, i) => {
    if (!e || typeof e !== 'object' || Array.isArray(e)) throw configError(`${what}: exception #${i + 1} is not a mapping`, fmtLoc(loc));
    const ex = e as Record<string, unknown>;
    if (typeof ex.name !== 'string' || !ex.name) throw configError(`${what}: exception #${i + 1} has no name`, fmtLoc(loc));
    const ew = `${what} exception "${ex.name}"`;
    const values = ex.values === undefined || ex.values === null ? [] : ex.values;
    if (!Array.isArray(values)) throw configError(`${ew}: values must be a list`, fmtLoc(loc));
    return { name: ex.name, fields: ex.fields as string | string[], comps: ex.comps as string | string[] | undefined, values, loc };
  });
}

/** Checks an exception's shape: fields present, comps and value tuples of matching length. */
function validateException(ex: ExceptionDef, what: string, appending: boolean): void {
  const ew = `${what} exception "${ex.name}"`;
  if (appending && ex.fields === undefined) return;
  if (ex.fields === undefined || ex.fields === null) throw configError(`${ew} has no "fields"`, fmtLoc(ex.loc));
  if (Array.isArray(ex.fields)) {
    const n = ex.fields.length;
    if (ex.comps !== undefined) {
      if (!Array.isArray(ex.comps) || ex.comps.length !== n)
        throw configError(`${ew}: fields and comps lists must have the same length (${n} fields)`, fmtLoc(ex.loc));
    }
    for (const v of ex.values) {
      if (!Array.isArray(v) || v.length !== n)
        throw configError(`${ew}: each value must be a list of ${n} items, one per field`, fmtLoc(ex.loc));
    }
  } else if (typeof ex.fields !== 'string') {
    throw configError(`${ew}: fields must be a field name or a list of field names`, fmtLoc(ex.loc));
  } else if (ex.comps !== undefined && typeof ex.comps !== 'string') {
    throw configError(`${ew}: with a single field, comps must be a single operator`, fmtLoc(ex.loc));
  }
}

function loadRule(set: RuleSet, obj: Record<string, unknown>, loc: Loc, condLoc: Loc, condExact: boolean): void {
  const name = obj.rule;
  if (typeof name !== 'string' || !name) throw configError('rule has no name', fmtLoc(loc));
  const what = `rule "${name}"`;
  for (const k of Object.keys(obj)) if (!RULE_KEYS.has(k)) set.notes.push(`${fmtLoc(loc)}: ${what}: unknown key "${k}" ignored`);
  const ov = overrides(obj, loc, what);
  const idx = set.rules.findIndex((r) => r.name === name);
  const prev = idx >= 0 ? set.rules[idx] : undefined;

  if (obj.append === true || ov) {
    if (!prev) throw configError(`${what}: ${ov ? 'override of' : 'append to'} a rule that is not defined`, fmtLoc(loc));
    const mode = (k: string): 'append' | 'replace' | undefined => (ov ? ov.get(k) : obj[k] !== undefined && k !== 'append' && k !== 'rule' ? 'append' : undefined);
    if (ov) {
      for (const [k, m] of ov) {
        if (m === 'append' && !APPENDABLE_RULE_KEYS.has(k)) throw configError(`${what}: key "${k}" cannot be appended`, fmtLoc(loc));
        if (m === 'replace' && !REPLACEABLE_RULE_KEYS.has(k)) throw configError(`${what}: key "${k}" cannot be replaced`, fmtLoc(loc));
      }
    } else {
      for (const k of Object.keys(obj)) {
        if (k === 'rule' || k === 'append') continue;
        if (!['condition', 'exceptions', 'output', 'desc', 'tags'].includes(k))
          throw configError(`${what}: key "${k}" cannot be appended (use override: replace)`, fmtLoc(loc));
      }
      if (obj.condition === undefined && obj.exceptions === undefined && obj.output === undefined && obj.desc === undefined && obj.tags === undefined)
        throw configError(`${what}: append needs a condition or exceptions`, fmtLoc(loc));
    }
    for (const k of ['condition', 'output', 'desc'] as const) {
      const m = mode(k);
      if (!m) continue;
      const v = str(obj[k], `${what} ${k}`, loc);
      prev[k] = m === 'append' ? `${prev[k]} ${v}` : v;
      if (k === 'condition') prev.condExact = false;
    }
    const tm = mode('tags');
    if (tm) {
      const t = strList(obj.tags, `${what} tags`, loc);
      prev.tags = tm === 'append' ? [...prev.tags, ...t] : t;
    }
    const em = mode('exceptions');
    if (em) {
      const exs = parseExceptions(obj.exceptions, what, loc);
      if (em === 'replace') {
        for (const ex of exs) validateException(ex, what, false);
        prev.exceptions = exs;
      } else {
        for (const ex of exs) {
          const same = prev.exceptions.find((p) => p.name === ex.name);
          if (same) {
            // Appending values to an existing exception: the tuples must fit its fields.
            validateException({ ...ex, fields: same.fields, comps: same.comps }, what, false);
            same.values = [...same.values, ...ex.values];
          } else {
            validateException(ex, what, false);
            prev.exceptions.push(ex);
          }
        }
      }
    }
    if (mode('priority') === 'replace') prev.priority = rulePriority(obj.priority, what, loc);
    if (mode('enabled') === 'replace') prev.enabled = obj.enabled !== false;
    if (mode('skip-if-unknown-filter') === 'replace') prev.skipIfUnknownFilter = obj['skip-if-unknown-filter'] === true;
    return;
  }

  // A rule item with only a name and `enabled` toggles an existing rule (Falco ≥ 0.32).
  const keys = Object.keys(obj).filter((k) => k !== 'rule');
  if (keys.length === 1 && keys[0] === 'enabled') {
    if (!prev) throw configError(`${what}: "enabled" set on a rule that is not defined`, fmtLoc(loc));
    prev.enabled = obj.enabled !== false;
    return;
  }

  for (const k of ['condition', 'output', 'desc', 'priority']) {
    if (obj[k] === undefined || obj[k] === null) throw configError(`${what} has no "${k}"`, fmtLoc(loc));
  }
  const exceptions = parseExceptions(obj.exceptions, what, loc);
  for (const ex of exceptions) validateException(ex, what, false);
  const source = obj.source === undefined ? 'syscall' : str(obj.source, `${what} source`, loc);
  const rule: RuleDef = {
    name,
    desc: str(obj.desc, `${what} desc`, loc),
    condition: str(obj.condition, `${what} condition`, loc),
    output: str(obj.output, `${what} output`, loc),
    priority: rulePriority(obj.priority, what, loc),
    source,
    tags: strList(obj.tags, `${what} tags`, loc),
    enabled: obj.enabled !== false,
    exceptions,
    skipIfUnknownFilter: obj['skip-if-unknown-filter'] === true,
    loc: condLoc,
    condExact,
  };
  if (prev) set.rules[idx] = rule;
  else set.rules.push(rule);
}

function rulePriority(v: unknown, what: string, loc: Loc): Priority {
  const p = parsePriority(String(v ?? ''));
  if (!p) throw configError(`${what}: invalid priority "${String(v)}" (expected emergency, alert, critical, error, warning, notice, informational or debug)`, fmtLoc(loc));
  return p;
}

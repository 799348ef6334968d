/**
 * The runtime engine: loads rules files, compiles the k8s_audit rules, and turns audit events
 * into alerts (Falco's JSON alert shape).
 */
import { hostname } from 'node:os';
import { configError } from '../core/errors.js';
import { clearMemo, compileRuleSet, renderValue, type CompiledRule, type SkippedRule } from './compile.js';
import { eventIso, k8sAuditSource } from './fields/k8saudit.js';
import type { FieldSource, JsonEvent } from './fields/types.js';
import { emptyRuleSet, loadRulesFile, type RuleSet } from './loader.js';
import { PRIORITY_DISPLAY, priorityRank, type Priority } from './priority.js';

export interface Alert {
  /** Event time, ISO 8601 with nanoseconds. */
  time: string;
  rule: string;
  /** As Falco prints it: Emergency, Alert, Critical, Error, Warning, Notice, Informational, Debug. */
  priority: string;
  source: string;
  /** "<HH:MM:SS.ns>: <Priority> <output with %fields filled in>", as Falco writes it. */
  output: string;
  output_fields: Record<string, string | null>;
  tags: string[];
  hostname: string;
}

export interface EngineOptions {
  /** `first` (Falco's default): one alert per event, from the first matching rule; `all`: every match. */
  ruleMatching?: 'first' | 'all';
  /** Alerts below this priority are not emitted (Falco's `priority` setting; default debug). */
  minPriority?: Priority;
  /** Only rules carrying at least one of these tags run (Falco's -t). */
  enableTags?: string[];
  /** Rules carrying any of these tags do not run (Falco's -T). */
  disableTags?: string[];
  /** Rules with these names do not run (Falco's -D, by exact name). */
  disableRules?: string[];
  /** The event source whose rules run (default k8s_audit); rules of other sources are skipped. */
  fieldSource?: FieldSource<JsonEvent>;
}

export interface LoadSummary {
  files: string[];
  rulesLoaded: number;
  rulesEnabled: number;
  skipped: SkippedRule[];
  warnings: string[];
  notes: string[];
}

const HOST = hostname();

export class RuntimeEngine {
  private active: CompiledRule<JsonEvent>[];

  private constructor(
    readonly set: RuleSet,
    readonly rules: CompiledRule<JsonEvent>[],
    readonly summary: LoadSummary,
    readonly options: EngineOptions,
  ) {
    const min = priorityRank(options.minPriority ?? 'DEBUG');
    const en = options.enableTags?.length ? new Set(options.enableTags) : undefined;
    const dis = new Set(options.disableTags ?? []);
    const off = new Set(options.disableRules ?? []);
    this.active = rules.filter(
      (r) =>
        r.enabled &&
        priorityRank(r.priority) <= min &&
        !off.has(r.name) &&
        (!en || r.tags.some((t) => en.has(t))) &&
        !r.tags.some((t) => dis.has(t)),
    );
  }

  /** Loads rules files in order (later files append to / override earlier ones) and compiles them. */
  static fromFiles(files: string[], options: EngineOptions = {}): RuntimeEngine {
    if (!files.length) throw configError('no rules file given', '--rules FILE');
    const set = emptyRuleSet();
    for (const f of files) loadRulesFile(set, f);
    return RuntimeEngine.fromRuleSet(set, options);
  }

  /** For tests and embedding: rules given as YAML text. */
  static fromTexts(texts: { path: string; text: string }[], options: EngineOptions = {}): RuntimeEngine {
    const set = emptyRuleSet();
    for (const t of texts) loadRulesFile(set, t.path, t.text);
    return RuntimeEngine.fromRuleSet(set, options);
  }

  static fromRuleSet(set: RuleSet, options: EngineOptions = {}): RuntimeEngine {
    const compiled = compileRuleSet(set, options.fieldSource ?? k8sAuditSource);
    const summary: LoadSummary = {
      files: set.files,
      rulesLoaded: compiled.rules.length,
      rulesEnabled: compiled.rules.filter((r) => r.enabled).length,
      skipped: compiled.skipped,
      warnings: compiled.warnings,
      notes: set.notes,
    };
    return new RuntimeEngine(set, compiled.rules, summary, options);
  }

  /** Number of rules that run on events (enabled, and passing priority/tag/name filters). */
  get activeRules(): number {
    return this.active.length;
  }

  /** The alerts one event raises. */
  process(e: JsonEvent): Alert[] {
    const out: Alert[] = [];
    const all = this.options.ruleMatching === 'all';
    clearMemo(e);
    for (const r of this.active) {
      if (!r.match(e)) continue;
      out.push(this.alert(r, e));
      if (!all) break;
    }
    return out;
  }

  /** Matching rules only (no output formatting): what the throughput benchmark measures. */
  matchCount(e: JsonEvent): number {
    let n = 0;
    clearMemo(e);
    for (const r of this.active) {
      if (r.match(e)) {
        n++;
        if (this.options.ruleMatching !== 'all') break;
      }
    }
    return n;
  }

  alert(r: CompiledRule<JsonEvent>, e: JsonEvent): Alert {
    let msg = '';
    const fields: Record<string, string | null> = {};
    for (const p of r.output) {
      if (p.text !== undefined) msg += p.text;
      else if (p.field) {
        const v = p.field.get(e);
        const s = renderValue(v);
        msg += s;
        fields[p.field.key] = v === undefined || (Array.isArray(v) && !v.length) ? null : s;
      }
    }
    const pr = PRIORITY_DISPLAY[r.priority];
    const time = eventIso(e);
    return {
      time,
      rule: r.name,
      priority: pr,
      source: r.source,
      output: `${time.slice(11, 29)}: ${pr} ${msg}`,
      output_fields: fields,
      tags: r.tags,
      hostname: HOST,
    };
  }
}

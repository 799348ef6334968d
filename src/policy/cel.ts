import { createRequire } from 'node:module';
import type * as CelApi from '@bufbuild/cel';
import type * as CelExt from '@bufbuild/cel/ext';
import { configError } from '../core/errors.js';

let now = () => Date.now();
const clock = () => now();

/**
 * CEL loaded on first use: initialising it (protobuf's well-known types) took ~80 ms of every
 * `coastguard image` start, and most runs have no policy with expressions. Its CommonJS build is
 * required synchronously, so compileCel() stays synchronous.
 */
let loaded: { cel: typeof CelApi; env: ReturnType<typeof CelApi.celEnv> } | undefined;
function celRuntime() {
  if (loaded) return loaded;
  const req = createRequire(import.meta.url);
  const cel = req('@bufbuild/cel') as typeof CelApi;
  const { strings } = req('@bufbuild/cel/ext') as typeof CelExt;
  /** Functions policies may call besides CEL's standard library and the strings extension. */
  const helpers = [
    // daysSince('2026-01-31') / daysSince(finding.published): whole days from a date to the run's clock.
    cel.celFunc('daysSince', [cel.CelScalar.STRING], cel.CelScalar.DOUBLE, (s: string) => {
      const t = Date.parse(s);
      if (Number.isNaN(t)) throw new Error(`daysSince: not a date: "${s}"`);
      return Math.floor((clock() - t) / 86_400_000);
    }),
  ];
  return (loaded = { cel, env: cel.celEnv({ funcs: [...strings, ...helpers] }) });
}

export type CelProgram = (vars: Record<string, unknown>) => { value?: unknown; error?: string };

/**
 * CEL here has no cost limit of its own, so evaluation is bounded twice: comprehensions (all,
 * exists, exists_one, map, filter) may nest at most MAX_COMPREHENSION_DEPTH deep (cost grows as list
 * size to that power), checked when the policy loads; and all evaluations of a run share a time
 * budget, past which the run stops with a config error (exit 5). Documented in docs/limits.md.
 */
export const MAX_COMPREHENSION_DEPTH = 2;
export const POLICY_TIME_BUDGET_MS = 30_000;
let spentMs = 0;

function comprehensionDepth(node: unknown): number {
  if (typeof node !== 'object' || node === null) return 0;
  let deepest = 0;
  for (const v of Object.values(node)) deepest = Math.max(deepest, comprehensionDepth(v));
  return (node as { case?: unknown }).case === 'comprehensionExpr' ? deepest + 1 : deepest;
}

/** Parses once; throws Error with CEL's own message (line:column within the expression). */
export function compileCel(expr: string): CelProgram {
  const { cel, env } = celRuntime();
  const { parse, plan, isCelError } = cel;
  const parsed = parse(expr);
  const depth = comprehensionDepth(parsed);
  if (depth > MAX_COMPREHENSION_DEPTH) {
    throw new Error(`comprehensions (all, exists, map, filter…) nested ${depth} deep; the limit is ${MAX_COMPREHENSION_DEPTH}`);
  }
  const p = plan(env, parsed);
  return (vars) => {
    const start = performance.now();
    try {
      const r = p(toCel(vars) as never);
      if (isCelError(r)) return { error: r.message };
      return { value: r };
    } catch (e) {
      return { error: (e as Error).message };
    } finally {
      spentMs += performance.now() - start;
      if (spentMs > POLICY_TIME_BUDGET_MS) {
        spentMs = 0;
        // eslint-disable-next-line no-unsafe-finally
        throw configError(`policy evaluation went over its ${POLICY_TIME_BUDGET_MS / 1000} s time budget (simplify the deny expressions)`, expr.length > 80 ? expr.slice(0, 77) + '…' : expr);
      }
    }
  };
}

/** Runs `fn` with the CEL clock fixed to `at` (policies see the same `now` as the rest of the run). */
export function withClock<T>(at: Date, fn: () => T): T {
  const prev = now;
  now = () => at.getTime();
  try {
    return fn();
  } finally {
    now = prev;
  }
}

/** Plain JSON values: drops undefined, turns Dates into strings (CEL takes JSON-like input). */
export function toCel(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v ?? null));
}

/** "{{ expr }}" pieces in a message, compiled with the same environment. */
export function compileTemplate(message: string): (vars: Record<string, unknown>) => string {
  const parts: (string | CelProgram)[] = [];
  let rest = message;
  for (;;) {
    const i = rest.indexOf('{{');
    if (i < 0) break;
    const j = rest.indexOf('}}', i);
    if (j < 0) break;
    parts.push(rest.slice(0, i), compileCel(rest.slice(i + 2, j).trim()));
    rest = rest.slice(j + 2);
  }
  parts.push(rest);
  return (vars) =>
    parts
      .map((p) => {
        if (typeof p === 'string') return p;
        const r = p(vars);
        return r.error ? '?' : typeof r.value === 'object' && r.value !== null ? JSON.stringify(r.value, (_k, x) => (typeof x === 'bigint' ? Number(x) : x)) : String(r.value);
      })
      .join('');
}

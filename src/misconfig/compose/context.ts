import type { YamlDoc } from '../yaml-docs.js';
import type { Issue } from '../types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

export interface ComposeService { name: string; value: Any }
export interface ComposeCtx { path: string; doc: YamlDoc; services: ComposeService[] }

type Hit = { path: (string | number)[]; message: string } | undefined | false | null;

/** One issue per service the predicate flags, at the line of the returned path (under services.<name>). */
export function perService(ctx: ComposeCtx, fn: (s: ComposeService) => Hit): Issue[] {
  const out: Issue[] = [];
  for (const s of ctx.services) {
    const h = fn(s);
    if (h) out.push({ message: `service "${s.name}": ${h.message}`, line: ctx.doc.lineOf(['services', s.name, ...h.path]), object: `service/${s.name}` });
  }
  return out;
}

/** A volume entry as { source, target, readOnly }, from the short "src:dst:ro" or the long syntax. */
export function volumeOf(v: Any): { source: string; target: string; readOnly: boolean } | undefined {
  if (typeof v === 'string') {
    const parts = v.split(':');
    if (parts.length < 2) return undefined;
    const mode = parts.length > 2 ? parts[parts.length - 1] : '';
    return { source: parts[0], target: parts[1], readOnly: mode.split(',').includes('ro') };
  }
  if (v && typeof v === 'object' && (v.type === 'bind' || v.type === undefined) && v.source) {
    return { source: String(v.source), target: String(v.target ?? ''), readOnly: v.read_only === true };
  }
  return undefined;
}

/** environment as [name, value] pairs from the map or the list ("K=V") form. */
export function envOf(env: Any): [string, string | undefined, number | string][] {
  if (Array.isArray(env)) return env.map((e, i) => { const s = String(e); const k = s.indexOf('='); return [k < 0 ? s : s.slice(0, k), k < 0 ? undefined : s.slice(k + 1), i]; });
  if (env && typeof env === 'object') return Object.entries(env).map(([k, v]) => [k, v === null || v === undefined ? undefined : String(v), k]);
  return [];
}

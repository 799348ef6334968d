import type { Finding } from '../core/index.js';

/**
 * What a reported finding does at admission: `enforce` denies, `warn` admits with a Kubernetes
 * warning, `audit` admits and only records it (auditAnnotations, the audit log line).
 */
export type Mode = 'enforce' | 'warn' | 'audit';
export const MODES: readonly Mode[] = ['enforce', 'warn', 'audit'];

export interface ModeTable {
  /** Mode for findings no entry names (default enforce). */
  fallback: Mode;
  /** Rule or policy id / slug / alias (lower case) → mode. */
  byRule: Map<string, Mode>;
}

/**
 * Parses `--mode ID=MODE` values (`--mode CG-K8S-021=warn --mode '*=audit'`). An id may be ours,
 * a slug, another tool's alias, or a CEL policy's id, as ignores accept.
 */
export function parseModes(entries: string[]): ModeTable {
  const table: ModeTable = { fallback: 'enforce', byRule: new Map() };
  for (const e of entries) {
    const eq = e.lastIndexOf('=');
    const id = eq > 0 ? e.slice(0, eq).trim() : '';
    const mode = eq > 0 ? e.slice(eq + 1).trim().toLowerCase() : '';
    if (!id || !MODES.includes(mode as Mode)) throw new Error(`"${e}" is not ID=enforce|warn|audit`);
    if (id === '*') table.fallback = mode as Mode;
    else table.byRule.set(id.toLowerCase(), mode as Mode);
  }
  return table;
}

/** The mode of one finding: the first of its id, slug and aliases the table names, else the fallback. */
export function modeOf(f: Finding, table: ModeTable): Mode {
  if (table.byRule.size === 0) return table.fallback;
  const names = [f.id, typeof f.slug === 'string' ? f.slug : '', ...f.aliases].filter(Boolean).map((s) => s.toLowerCase());
  for (const n of names) {
    const m = table.byRule.get(n) ?? table.byRule.get(n.split('/').pop()!);
    if (m) return m;
  }
  return table.fallback;
}

/** Alert formatting: JSON lines (Falco's JSON alert shape) and a readable table. */
import type { Alert } from './engine.js';

export type AlertFormat = 'json' | 'table';

export function parseAlertFormat(s: string | undefined): AlertFormat | undefined {
  if (s === undefined) return 'json';
  return s === 'json' || s === 'table' ? s : undefined;
}

/** One alert per line. */
export function alertJsonLine(a: Alert): string {
  return JSON.stringify(a) + '\n';
}

/** Falco's text line: "<time>: <Priority> <output>", which `output` already is. */
export function alertTextLine(a: Alert): string {
  return a.output + '\n';
}

/** The message part of an alert's output (without Falco's "time: Priority " prefix). */
export function alertMessage(a: Alert): string {
  const prefix = a.output.indexOf(`: ${a.priority} `);
  return prefix >= 0 ? a.output.slice(prefix + a.priority.length + 3) : a.output;
}

/** A table for `runtime check --format table`: TIME, PRIORITY, RULE, OUTPUT. */
export function alertsTable(alerts: Alert[]): string {
  if (!alerts.length) return 'No alerts.\n';
  const rows = alerts.map((a) => [a.time, a.priority, a.rule, alertMessage(a)]);
  const head = ['TIME', 'PRIORITY', 'RULE', 'OUTPUT'];
  const w = [0, 1, 2].map((i) => Math.max(head[i].length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(w[i]) : c)).join('  ').trimEnd() + '\n';
  const counts = new Map<string, number>();
  for (const a of alerts) counts.set(a.priority, (counts.get(a.priority) ?? 0) + 1);
  const summary = `\n${alerts.length} alert${alerts.length === 1 ? '' : 's'} (${[...counts].map(([p, n]) => `${p}: ${n}`).join(', ')})\n`;
  return line(head) + rows.map(line).join('') + summary;
}

/** Falco's rule priorities, most severe first (syslog levels). */
export const PRIORITIES = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFORMATIONAL', 'DEBUG'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** How Falco prints a priority in alerts ("Warning", "Informational"…). */
export const PRIORITY_DISPLAY: Record<Priority, string> = {
  EMERGENCY: 'Emergency',
  ALERT: 'Alert',
  CRITICAL: 'Critical',
  ERROR: 'Error',
  WARNING: 'Warning',
  NOTICE: 'Notice',
  INFORMATIONAL: 'Informational',
  DEBUG: 'Debug',
};

/** Case-insensitive; accepts Falco's aliases (info, warn, crit, err, emerg). Undefined when unknown. */
export function parsePriority(s: string): Priority | undefined {
  const u = s.trim().toUpperCase();
  const alias: Record<string, Priority> = { INFO: 'INFORMATIONAL', WARN: 'WARNING', CRIT: 'CRITICAL', ERR: 'ERROR', EMERG: 'EMERGENCY' };
  if (alias[u]) return alias[u];
  return (PRIORITIES as readonly string[]).includes(u) ? (u as Priority) : undefined;
}

/** Lower number = more severe. */
export const priorityRank = (p: Priority) => PRIORITIES.indexOf(p);

/** Severities in the order every scanner, report and gate uses (Trivy's names). */
export const SEVERITIES = ['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Parses a severity name case-insensitively; unknown words become UNKNOWN. */
export function parseSeverity(s: string | undefined | null): Severity {
  const up = String(s ?? '').trim().toUpperCase();
  if (up === 'MODERATE') return 'MEDIUM';
  if (up === 'IMPORTANT') return 'HIGH';
  if (up === 'NEGLIGIBLE' || up === 'UNIMPORTANT') return 'LOW';
  return (SEVERITIES as readonly string[]).includes(up) ? (up as Severity) : 'UNKNOWN';
}

/** Parses a `--severity` list such as "HIGH,CRITICAL". */
export function parseSeverityList(list: string): Severity[] {
  return list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const sev = parseSeverity(s);
    if (sev === 'UNKNOWN' && s.toUpperCase() !== 'UNKNOWN') throw new Error(`unknown severity "${s}"`);
    return sev;
  });
}

import { SEVERITIES, type Finding, type ScanResult, type Severity } from '../core/index.js';
import {
  artifactTitle, findingPackage, fixedVersion, groupBy, riskLabel, severityCounts, sortFindings, str, type ReportOptions,
} from './util.js';
import { baseAdviceTableSection, upgradeTableSection } from './upgrades.js';
import { append } from '../core/arrays.js';

const COLOURS: Record<Severity, string> = {
  CRITICAL: '\x1b[1;31m',
  HIGH: '\x1b[31m',
  MEDIUM: '\x1b[33m',
  LOW: '\x1b[34m',
  UNKNOWN: '\x1b[2m',
};
const RESET = '\x1b[0m';
const MAX_CELL = 70;

interface Column {
  head: string;
  cell: (f: Finding) => string;
}

const loc = (f: Finding) => (f.location.line ? `${f.location.path}:${f.location.line}` : f.location.path);

const COLUMNS: Record<string, Column[]> = {
  vulnerability: [
    { head: 'Package', cell: (f) => findingPackage(f)?.name ?? '' },
    { head: 'Vulnerability', cell: (f) => f.id },
    { head: 'Severity', cell: (f) => f.severity },
    { head: 'Status', cell: (f) => str(f.status) ?? (fixedVersion(f) ? 'fixed' : 'affected') },
    { head: 'Installed', cell: (f) => findingPackage(f)?.version ?? '' },
    { head: 'Fixed', cell: (f) => fixedVersion(f) ?? '' },
    { head: 'Title', cell: (f) => f.title },
  ],
  default: [
    { head: 'ID', cell: (f) => f.id },
    { head: 'Severity', cell: (f) => f.severity },
    { head: 'Title', cell: (f) => f.title },
    { head: 'Location', cell: loc },
  ],
};

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > MAX_CELL ? one.slice(0, MAX_CELL - 1) + '…' : one;
}

function renderTable(findings: Finding[], cols: Column[], colour: boolean): string[] {
  const rows = findings.map((f) => cols.map((c) => clip(c.cell(f))));
  const widths = cols.map((c, i) => Math.max(c.head.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[], sev?: Severity) =>
    '│ ' +
    cells
      .map((c, i) => {
        const padded = c.padEnd(widths[i]);
        return colour && sev && cols[i].head === 'Severity' ? COLOURS[sev] + padded + RESET : padded;
      })
      .join(' │ ') +
    ' │';
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  return [
    rule('┌', '┬', '┐'),
    line(cols.map((c) => c.head)),
    rule('├', '┼', '┤'),
    ...rows.map((r, i) => line(r, findings[i].severity)),
    rule('└', '┴', '┘'),
  ];
}

function totals(findings: Finding[]): string {
  const c = severityCounts(findings);
  const parts = [...SEVERITIES].reverse().map((s) => `${s}: ${c[s]}`);
  return `Total: ${findings.length} (${parts.join(', ')})`;
}

/** Human-readable: findings grouped by target, then by kind; ANSI colours only when asked. */
export function writeTable(result: ScanResult, opts: ReportOptions = {}): string {
  const colour = opts.color === true;
  const out: string[] = [];
  const bold = (s: string) => (colour ? `\x1b[1m${s}${RESET}` : s);
  out.push(bold(artifactTitle(result)));
  if (result.artifact.os?.eol) out.push(`OS end of life: ${result.artifact.os.eol}`);
  out.push(`Packages: ${result.packages.length}`);
  out.push('');
  if (result.findings.length === 0) out.push('No findings.');
  for (const [target, inTarget] of groupBy(result.findings, (f) => f.target)) {
    for (const [kind, list] of groupBy(sortFindings(inTarget), (f) => f.kind)) {
      const title = `${target} (${kind})`;
      out.push(bold(title));
      out.push('═'.repeat(title.length));
      out.push(totals(list));
      out.push('');
      let cols = COLUMNS[kind] ?? COLUMNS.default;
      // EPSS / KEV only when the DB had them for some finding here: no empty column otherwise.
      if (kind === 'vulnerability' && list.some((f) => riskLabel(f))) cols = [...cols.slice(0, 3), { head: 'Risk', cell: riskLabel }, ...cols.slice(3)];
      append(out, renderTable(list, cols, colour));
      out.push('');
    }
  }
  out.push(...upgradeTableSection(result, bold), ...baseAdviceTableSection(result, bold));
  if (result.suppressed?.length) {
    out.push(`Suppressed: ${result.suppressed.length} finding(s) (ignores / VEX)`);
    for (const s of result.suppressed) out.push(`  ${s.finding.id} ${findingPackage(s.finding)?.name ?? s.finding.location.path}: ${s.by}: ${s.reason}`);
    out.push('');
  }
  return out.join('\n') + '\n';
}

import { SEVERITIES, severityRank, type Finding, type ScanResult, type Severity } from '../core/index.js';
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

const MAX_LOCATION = 48;

/** A long path keeps its end and the line number: "…/charts/api/templates/deploy.yaml:42". */
function loc(f: Finding): string {
  const line = f.location.line ? `:${f.location.line}` : '';
  const path = f.location.path;
  return path.length + line.length > MAX_LOCATION ? `…${path.slice(path.length - (MAX_LOCATION - 1 - line.length))}${line}` : path + line;
}

/** The title, never the id again (feeds without titles borrow one from an alias at match time). */
const titleOf = (f: Finding) => (f.title && f.title !== f.id ? f.title : str(f.description)?.split('\n')[0] ?? '');

/** What to do about it: the rule's fix, else a short description. */
const fixOrWhy = (f: Finding) => str(f.fix) ?? str(f.why) ?? str(f.description) ?? '';

const shortCommit = (f: Finding) => (typeof f.commit === 'string' ? f.commit.slice(0, 12) : '');

const COLUMNS: Record<string, Column[]> = {
  vulnerability: [
    // Rows come grouped by package: the name is shown on the first row of its group only.
    { head: 'Package', cell: (f) => (f.firstOfPackage === false ? '' : findingPackage(f)?.name ?? '') },
    { head: 'Vulnerability', cell: (f) => f.id },
    { head: 'Severity', cell: (f) => f.severity },
    { head: 'Status', cell: (f) => str(f.status) ?? (fixedVersion(f) ? 'fixed' : 'affected') },
    { head: 'Installed', cell: (f) => findingPackage(f)?.version ?? '' },
    { head: 'Fixed', cell: (f) => fixedVersion(f) ?? '' },
    { head: 'Title', cell: titleOf },
  ],
  // misconfig, secret, policy, license
  default: [
    { head: 'ID', cell: (f) => f.id },
    { head: 'Severity', cell: (f) => f.severity },
    { head: 'Title', cell: titleOf },
    { head: 'Location', cell: loc },
    { head: 'Fix', cell: fixOrWhy },
  ],
};

/** `repo` findings name the commit and author where the secret first appeared. */
const REPO_SECRET: Column[] = [
  ...COLUMNS.default.slice(0, 4),
  { head: 'Commit', cell: shortCommit },
  { head: 'Author', cell: (f) => str(f.author) ?? '' },
  COLUMNS.default[4],
];

/** "CVE-2024-9" before "CVE-2024-10": ids compared with their numbers as numbers. */
const byIdNumeric = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * Vulnerabilities grouped by package (the package with the worst finding first), each group by
 * severity then id; other kinds by severity then id.
 */
function orderRows(kind: string, list: Finding[]): Finding[] {
  const bySeverity = (a: Finding, b: Finding) => severityRank(b.severity) - severityRank(a.severity) || byIdNumeric(a.id, b.id) || loc(a).localeCompare(loc(b));
  if (kind !== 'vulnerability') return [...list].sort(bySeverity);
  const groups = [...groupBy(list, (f) => { const p = findingPackage(f); return `${p?.name ?? ''}\0${p?.version ?? ''}`; }).values()].map((g) => g.sort(bySeverity));
  groups.sort((a, b) => bySeverity(a[0], b[0]) || (findingPackage(a[0])?.name ?? '').localeCompare(findingPackage(b[0])?.name ?? ''));
  return groups.flatMap((g) => g.map((f, i) => ({ ...f, firstOfPackage: i === 0 })));
}

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

/**
 * The targets a scan looked at, findings or not: every file packages were read from (lockfiles,
 * package DBs), then whatever the findings name. So a user sees the scan ran on each.
 */
function targetsOf(result: ScanResult): string[] {
  // Findings may name their target differently from the package file (an image's OS packages):
  // a file whose packages have findings elsewhere is not listed as empty.
  const withFindings = new Set(result.findings.map((f) => findingPackage(f)?.purl).filter(Boolean));
  const out = new Set<string>();
  for (const p of result.packages) if (!p.ownedBy && p.locations[0]?.path && !withFindings.has(p.purl)) out.add(p.locations[0].path);
  for (const p of result.packages) if (withFindings.has(p.purl)) out.delete(p.locations[0]?.path);
  for (const f of result.findings) out.add(f.target);
  return [...out];
}

/** Human-readable: a section per target (findings grouped by kind), then a grand total. */
export function writeTable(result: ScanResult, opts: ReportOptions = {}): string {
  const colour = opts.color === true;
  const out: string[] = [];
  const bold = (s: string) => (colour ? `\x1b[1m${s}${RESET}` : s);
  out.push(bold(artifactTitle(result)));
  if (result.artifact.os?.eol) out.push(`OS end of life: ${result.artifact.os.eol}`);
  out.push(`Packages: ${result.packages.length}`);
  out.push('');
  const byTarget = groupBy(result.findings, (f) => f.target);
  const vulnsChecked = !(result.warnings ?? []).some((w) => w.notChecked === 'scanner' || /^vulnerabilities not checked/.test(w.what));
  const repo = result.artifact.type === 'repository';
  for (const target of targetsOf(result)) {
    const inTarget = byTarget.get(target) ?? [];
    if (inTarget.length === 0) {
      const n = result.packages.filter((p) => p.locations[0]?.path === target).length;
      out.push(`${bold(target)}: ${n} package${n === 1 ? '' : 's'}, ${vulnsChecked ? 'no vulnerabilities' : 'vulnerabilities not checked'}`);
      out.push('');
      continue;
    }
    for (const [kind, list] of groupBy(sortFindings(inTarget), (f) => f.kind)) {
      const title = `${target} (${kind})`;
      out.push(bold(title));
      out.push('═'.repeat(title.length));
      out.push(totals(list));
      out.push('');
      let cols = kind === 'secret' && repo ? REPO_SECRET : (COLUMNS[kind] ?? COLUMNS.default);
      // EPSS / KEV only when the DB had them for some finding here: no empty column otherwise.
      if (kind === 'vulnerability' && list.some((f) => riskLabel(f))) cols = [...cols.slice(0, 3), { head: 'Risk', cell: riskLabel }, ...cols.slice(3)];
      append(out, renderTable(orderRows(kind, list), cols, colour));
      out.push('');
    }
  }
  if (result.findings.length === 0) out.push('No findings.');
  else out.push(`Grand total: ${totals(result.findings).replace(/^Total: /, '')} in ${byTarget.size} target${byTarget.size === 1 ? '' : 's'}`);
  out.push('');
  out.push(...upgradeTableSection(result, bold), ...baseAdviceTableSection(result, bold));
  if (result.suppressed?.length) {
    out.push(`Suppressed: ${result.suppressed.length} finding(s) (ignores / VEX)`);
    for (const s of result.suppressed) out.push(`  ${s.finding.id} ${findingPackage(s.finding)?.name ?? s.finding.location.path}: ${s.by}: ${s.reason}`);
    out.push('');
  }
  return out.join('\n') + '\n';
}

import { SEVERITIES, type Finding, type ScanResult } from '../core/index.js';
import { artifactTitle, findingPackage, fixText, fixedVersion, kindCounts, riskLabel, severityCounts, sortFindings, type ReportOptions } from './util.js';
import { upgradeMarkdownSection } from './upgrades.js';

/** GitHub rejects comments over 65,536 characters; stay well inside. */
const MAX_CHARS = 60_000;
const EMOJI: Record<string, string> = { CRITICAL: '🟥', HIGH: '🟧', MEDIUM: '🟨', LOW: '🟦', UNKNOWN: '⬜' };

// Table cells: no pipes, no newlines, and no raw HTML (GitHub would render "<user>" as a tag).
const cell = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

function row(f: Finding): string {
  const p = findingPackage(f);
  const where = p ? `${p.name} ${p.version ?? ''}` : f.location.line ? `${f.location.path}:${f.location.line}` : f.location.path;
  const fix = fixedVersion(f) ?? (f.kind === 'vulnerability' ? '—' : fixText(f) ?? '');
  const risk = riskLabel(f);
  const id = (f.references?.[0] ? `[${f.id}](${f.references[0]})` : f.id) + (risk ? ` (${risk})` : '');
  return `| ${EMOJI[f.severity]} ${f.severity} | ${cell(id)} | ${cell(f.kind)} | ${cell(where)} | ${cell(fix)} | ${cell(f.title)} |`;
}

/** A pull-request comment: verdict, counts per severity and kind, then the most severe findings. */
export function writeMarkdown(result: ScanResult, opts: ReportOptions = {}): string {
  const maxRows = opts.maxRows ?? 50;
  const counts = severityCounts(result.findings);
  const kinds = kindCounts(result.findings);
  const out: string[] = [];
  out.push(`## Coastguard: ${artifactTitle(result)}`);
  out.push('');
  out.push(
    result.findings.length === 0
      ? '✅ **No findings.**'
      : `❌ **${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}** in ${result.packages.length} packages.`,
  );
  out.push('');
  out.push('| ' + [...SEVERITIES].reverse().map((s) => `${EMOJI[s]} ${s}`).join(' | ') + ' |');
  out.push('|' + SEVERITIES.map(() => '---:|').join(''));
  out.push('| ' + [...SEVERITIES].reverse().map((s) => String(counts[s])).join(' | ') + ' |');
  out.push('');
  if (Object.keys(kinds).length) out.push('By kind: ' + Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', '));
  if (result.suppressed?.length) out.push(`Suppressed by ignores / VEX: ${result.suppressed.length}`);
  out.push('');
  if (result.findings.length) {
    const sorted = sortFindings(result.findings);
    out.push('<details open><summary>Findings</summary>');
    out.push('');
    out.push('| Severity | ID | Kind | Where | Fix | Title |');
    out.push('|---|---|---|---|---|---|');
    let used = out.join('\n').length;
    let shown = 0;
    for (const f of sorted.slice(0, maxRows)) {
      const r = row(f);
      if (used + r.length > MAX_CHARS) break;
      out.push(r);
      used += r.length + 1;
      shown++;
    }
    if (shown < sorted.length) out.push('', `… and ${sorted.length - shown} more (see the full report).`);
    out.push('', '</details>');
  }
  out.push(...upgradeMarkdownSection(result));
  return out.join('\n') + '\n';
}

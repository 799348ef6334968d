import type { ScanResult, Upgrade } from '../core/index.js';
import { escapeHtml as h } from './util.js';

/** One install line and the packages it moves (binaries of one source package share a line). */
interface UpgradeLine {
  command: string;
  names: string[];
  from: string;
  to: string;
  fixes: string[];
}

function lines(upgrades: Upgrade[]): UpgradeLine[] {
  const byCommand = new Map<string, UpgradeLine>();
  for (const u of upgrades) {
    const l = byCommand.get(u.command);
    if (l) {
      l.names.push(u.name);
      for (const id of u.fixes) if (!l.fixes.includes(id)) l.fixes.push(id);
    } else byCommand.set(u.command, { command: u.command, names: [u.name], from: u.from, to: u.to, fixes: [...u.fixes] });
  }
  return [...byCommand.values()];
}

const fixedCount = (upgrades: Upgrade[]) => new Set(upgrades.flatMap((u) => u.fixes)).size;

/** The table's short "Upgrade" section: what to run and what it fixes; empty when nothing to do. */
export function upgradeTableSection(result: ScanResult, bold: (s: string) => string): string[] {
  const ups = result.upgrades ?? [];
  if (ups.length === 0) return [];
  const title = `Upgrade (${ups.length} package${ups.length === 1 ? '' : 's'}, fixes ${fixedCount(ups)} vulnerabilit${fixedCount(ups) === 1 ? 'y' : 'ies'})`;
  const out = [bold(title), '═'.repeat(title.length)];
  for (const l of lines(ups)) {
    out.push(`${l.names.join(' ')}  ${l.from} → ${l.to}  (${l.fixes.length} fixed)`);
    out.push(`  ${l.command}`);
  }
  out.push('');
  return out;
}

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/`/g, "'");

/** Markdown: a collapsed table of upgrade lines. */
export function upgradeMarkdownSection(result: ScanResult): string[] {
  const ups = result.upgrades ?? [];
  if (ups.length === 0) return [];
  return [
    '',
    `<details><summary>Upgrade: ${ups.length} package${ups.length === 1 ? '' : 's'} fix ${fixedCount(ups)}</summary>`,
    '',
    '| Packages | From | To | Fixes | Command |',
    '|---|---|---|---:|---|',
    ...lines(ups).map((l) => `| ${md(l.names.join(' '))} | ${md(l.from)} | ${md(l.to)} | ${l.fixes.length} | \`${md(l.command)}\` |`),
    '',
    '</details>',
  ];
}

/** HTML: an "Upgrade" table, one row per install line. */
export function upgradeHtmlSection(result: ScanResult): string {
  const ups = result.upgrades ?? [];
  if (ups.length === 0) return '';
  return (
    `<h2>Upgrade (${ups.length} packages, fixes ${fixedCount(ups)})</h2><table id="upgrades"><thead><tr><th>Packages</th><th>From</th><th>To</th><th>Fixes</th><th>Command</th></tr></thead><tbody>` +
    lines(ups)
      .map((l) => `<tr><td>${h(l.names.join(' '))}</td><td><code>${h(l.from)}</code></td><td><code>${h(l.to)}</code></td><td title="${h(l.fixes.join(' '))}">${l.fixes.length}</td><td><code>${h(l.command)}</code></td></tr>`)
      .join('') +
    `</tbody></table>`
  );
}

/** The table's "Base image" section (`--check-base`): the base, then the tags worth moving to. */
export function baseAdviceTableSection(result: ScanResult, bold: (s: string) => string): string[] {
  const a = result.baseAdvice;
  if (!a) return [];
  const title = `Base image: ${a.base.name} (found by ${a.base.foundBy === 'layers' ? 'its layers' : 'the image annotations'}; ${a.base.findings} vulnerabilities)`;
  const out = [bold(title), '═'.repeat(title.length)];
  if (a.recommended) out.push(`Recommended: ${a.recommended.from}`, `  fixes ${a.recommended.fixes.length}: ${a.recommended.fixes.join(' ')}`);
  else out.push('No newer tag of the same flavour fixes more than it introduces.');
  for (const c of a.candidates) out.push(`  ${c.tag.padEnd(20)} fixed ${c.fixed.length}, introduced ${c.introduced.length}, ${(c.size / 1048576).toFixed(1)} MB`);
  out.push('');
  return out;
}

import type { DiffFinding, ImageDiff } from './diff.js';

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
const signed = (n: number) => `${n >= 0 ? '+' : '-'}${mb(Math.abs(n))}`;
const ARROW = { upgrade: '↑', downgrade: '↓', changed: '~' };

function findingLine(word: string, f: DiffFinding): string {
  const where = f.package ? `${f.package} ${f.version ?? ''}`.trim() : f.location ?? '';
  return `  ${word.padEnd(10)} ${f.id}  ${f.severity}  ${where}${f.fixedVersion ? ` (fixed in ${f.fixedVersion})` : ''}`;
}

/** The human-readable diff: counts first, then every package and finding that moved. */
export function formatDiffTable(d: ImageDiff): string {
  const out: string[] = [];
  out.push(`${d.old.name} → ${d.new.name}`);
  if (d.old.os !== d.new.os) out.push(`OS: ${d.old.os ?? 'unknown'} → ${d.new.os ?? 'unknown'}`);
  out.push(`Layers: ${d.layers.shared.length} shared, ${d.layers.new.length} new, ${d.layers.removed.length} removed`);
  out.push(`Size: ${mb(d.size.old)} → ${mb(d.size.new)} (${signed(d.size.change)})`);
  const p = d.packages;
  out.push('', `Packages: ${p.added.length} added, ${p.removed.length} removed, ${p.changed.length} changed`);
  const where = (x: { path?: string }) => (x.path ? `  (${x.path})` : '');
  for (const a of p.added) out.push(`  + ${a.name} ${a.version}${where(a)}`);
  for (const r of p.removed) out.push(`  - ${r.name} ${r.version}${where(r)}`);
  for (const c of p.changed) out.push(`  ${ARROW[c.direction]} ${c.name} ${c.from} → ${c.to}${where(c)}`);
  const f = d.findings;
  out.push('', `Findings: ${f.fixed.length} fixed, ${f.introduced.length} introduced`);
  for (const x of f.fixed) out.push(findingLine('fixed', x));
  for (const x of f.introduced) out.push(findingLine('introduced', x));
  return out.join('\n') + '\n';
}

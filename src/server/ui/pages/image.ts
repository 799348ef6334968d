import type { UiApi } from '../api-client.js';
import { dataTable, html, severityBadge, severityRank, shortDigest, vulnHref, when, type Html } from '../html.js';

/** One image: facts, layers with what each added, packages, findings grouped by package, misconfig and secret findings. */
export async function imagePage(api: UiApi, digest: string, query: URLSearchParams): Promise<{ title: string; body: Html }> {
  const d = encodeURIComponent(digest);
  const [img, findings, packages] = await Promise.all([
    api.get<any>(`/images/${d}`),
    api.get<{ items: any[] }>(`/images/${d}/findings?limit=10000`),
    api.get<{ items: any[] }>(`/images/${d}/packages?limit=100000`),
  ]);
  const art = img.artifact ?? {};
  const os = art.os ?? img.os;
  const vulns = findings.items.filter((f) => f.kind === 'vulnerability');
  const others = findings.items.filter((f) => f.kind !== 'vulnerability');

  // Layers: the packages each one introduced (a package's first location in that layer).
  const byLayer = new Map<string, string[]>();
  for (const p of packages.items) {
    const layer = p.locations?.find((l: any) => l.layer)?.layer;
    if (!layer) continue;
    if (!byLayer.has(layer)) byLayer.set(layer, []);
    byLayer.get(layer)!.push(`${p.name} ${p.version}`);
  }
  const layers: { index: number; diffID: string; added: string[] }[] = (art.image?.layers ?? []).map((l: any, index: number) => ({ index: index + 1, diffID: String(l.diffID ?? l.digest ?? ''), added: byLayer.get(String(l.diffID ?? l.digest ?? '')) ?? [] }));

  // Vulnerabilities grouped by package, worst first; the fix version a package needs is the highest of its findings' (shown per finding).
  const groups = new Map<string, any[]>();
  for (const f of vulns) {
    const key = f.package ? `${f.package.name} ${f.package.version ?? ''}`.trim() : f.location?.path ?? '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(f);
  }
  const ordered = [...groups.entries()].sort((a, b) => Math.min(...a[1].map((f) => severityRank(f.severity))) - Math.min(...b[1].map((f) => severityRank(f.severity))) || a[0].localeCompare(b[0]));
  const upgrades: any[] = Array.isArray(art.upgrades) ? art.upgrades : [];

  const body = html`<h1>${img.name}</h1>
<dl class="facts">
<dt>Digest</dt><dd class="mono">${img.digest}</dd>
<dt>Type</dt><dd>${img.type}</dd>
<dt>OS</dt><dd>${os ? `${os.name ?? `${os.family} ${os.version}`}` : 'not detected'}</dd>
<dt>End of life</dt><dd>${os?.eol ? html`${os.eol}${Date.parse(os.eol) < Date.now() ? html` <strong class="error">(ended)</strong>` : ''}` : html`<span class="muted">unknown</span>`}</dd>
<dt>First seen</dt><dd>${when(img.firstSeen)}</dd>
<dt>Last scan</dt><dd>${when(img.lastScan)} (${img.scans} scans)</dd>
<dt>Findings</dt><dd><span data-testid="image-vulns">${vulns.length}</span> vulnerabilities, ${others.length} other${img.suppressed ? html`, ${img.suppressed} suppressed` : ''}</dd>
</dl>
<h2 id="vulns-h">Vulnerabilities by package</h2>
${ordered.length === 0 ? html`<p class="muted">No vulnerability finding.</p>` : ''}
${dataTable('vulns', 'Vulnerability findings', ordered.flatMap(([pkg, fs]) => fs.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || String(a.id).localeCompare(String(b.id), 'en', { numeric: true })).map((f) => ({ pkg, f }))), [
    { label: 'Package', cell: (r) => r.pkg },
    { label: 'Vulnerability', cell: (r) => html`<a href="${vulnHref(r.f.id)}">${r.f.id}</a>`, sortValue: (r) => r.f.id },
    { label: 'Severity', cell: (r) => severityBadge(r.f.severity), sortValue: (r) => severityRank(r.f.severity) },
    { label: 'Fixed in', cell: (r) => r.f.fixedVersion ?? html`<span class="muted">${r.f.status ?? 'no fix'}</span>` },
    { label: 'Title', cell: (r) => r.f.title ?? '' },
  ], query)}
${upgrades.length ? html`<h2>Upgrade advice</h2>${dataTable('upgrades', 'Upgrades that fix the findings', upgrades, [
    { label: 'Package', cell: (u) => u.name },
    { label: 'From', cell: (u) => u.from },
    { label: 'To', cell: (u) => u.to },
    { label: 'Fixes', cell: (u) => (u.fixes ?? []).length, numeric: true },
    { label: 'Command', cell: (u) => html`<code>${u.command}</code>` },
  ], query)}` : ''}
<h2>Misconfigurations and secrets</h2>
${dataTable('other', 'Misconfiguration, secret and policy findings', others.sort((a, b) => severityRank(a.severity) - severityRank(b.severity)), [
    { label: 'Rule', cell: (f) => f.id },
    { label: 'Kind', cell: (f) => f.kind },
    { label: 'Severity', cell: (f) => severityBadge(f.severity), sortValue: (f) => severityRank(f.severity) },
    { label: 'Where', cell: (f) => (f.location?.path ? `${f.location.path}${f.location.line ? `:${f.location.line}` : ''}` : '') },
    { label: 'Why', cell: (f) => html`${f.title ?? ''}${f.why || f.description ? html`<br><span class="muted">${f.why ?? f.description}</span>` : ''}` },
    { label: 'Fix', cell: (f) => f.fix ?? '' },
  ], query, 'No misconfiguration or secret finding.')}
<h2>Layers</h2>
${dataTable('layers', 'Layers and the packages each added', layers, [
    { label: '#', cell: (l) => l.index, numeric: true },
    { label: 'Layer', cell: (l) => html`<span class="mono">${shortDigest(l.diffID)}</span>`, sortValue: (l) => l.diffID },
    { label: 'Packages added', cell: (l) => l.added.length, numeric: true },
    { label: 'Examples', cell: (l) => l.added.slice(0, 8).join(', ') + (l.added.length > 8 ? ' …' : '') },
  ], query, 'No layer information (not an image, or the scan did not record layers).')}
<h2>Packages</h2>
${dataTable('packages', 'Packages', packages.items, [
    { label: 'Name', cell: (p) => p.name },
    { label: 'Version', cell: (p) => p.version },
    { label: 'Ecosystem', cell: (p) => p.ecosystem },
    { label: 'Source', cell: (p) => (p.source ? `${p.source.name} ${p.source.version ?? ''}`.trim() : '') },
    { label: 'Layer', cell: (p) => html`<span class="mono">${shortDigest(p.locations?.find((l: any) => l.layer)?.layer)}</span>` },
  ], query)}`;
  return { title: img.name, body };
}

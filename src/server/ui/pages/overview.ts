import type { UiApi } from '../api-client.js';
import { dataTable, href, html, imageHref, SEVERITIES, severityBadge, shortDigest, vulnHref, when, type Html } from '../html.js';

interface Summary {
  name: string;
  digest: string;
  os?: { family: string; version: string };
  firstSeen: string;
  lastScan: string;
  packages: number;
  counts: Record<string, number>;
  vulnerabilities: number;
}

/** The first page: every image with its findings by severity, what the last DB change did, the trend, the oldest open criticals. */
export async function overviewPage(api: UiApi, query: URLSearchParams): Promise<{ title: string; body: Html }> {
  const [images, db] = await Promise.all([api.get<{ items: Summary[]; total: number }>('/images?limit=1000&sort=-lastScan'), api.get<any>('/db')]);
  const totals: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  let vulns = 0;
  for (const i of images.items) {
    for (const k of Object.keys(totals)) totals[k] += i.counts[k] ?? 0;
    vulns += i.vulnerabilities ?? 0;
  }
  const criticals = await oldestCriticals(api, images.items);
  const re = db.lastRematch;
  const table = dataTable('images', 'Images', images.items, [
    { label: 'Image', cell: (i) => html`<a href="${imageHref(i.digest)}">${i.name}</a> <span class="muted mono">${shortDigest(i.digest)}</span>`, sortValue: (i) => i.name },
    { label: 'OS', cell: (i) => (i.os ? `${i.os.family} ${i.os.version}` : '') },
    { label: 'Last scan', cell: (i) => when(i.lastScan), sortValue: (i) => i.lastScan },
    { label: 'Vulnerabilities', cell: (i) => i.vulnerabilities ?? 0, sortValue: (i) => i.vulnerabilities ?? 0, numeric: true },
    ...SEVERITIES.map((s) => ({ label: s[0] + s.slice(1).toLowerCase(), cell: (i: Summary) => i.counts[s.toLowerCase()] ?? 0, sortValue: (i: Summary) => i.counts[s.toLowerCase()] ?? 0, numeric: true })),
    { label: 'Packages', cell: (i) => i.packages, sortValue: (i) => i.packages, numeric: true },
  ], query, 'No image has been uploaded yet: run a scan with --server URL --token TOKEN.');
  const body = html`<h1>Overview</h1>
<section aria-labelledby="totals-h"><h2 id="totals-h">Open findings</h2>
<div class="cards">
<div class="card"><span class="n" data-testid="images-total">${images.total}</span> images</div>
<div class="card"><span class="n" data-testid="vulns-total">${vulns}</span> vulnerability findings</div>
${SEVERITIES.map((s) => html`<div class="card"><span class="n" data-testid="total-${s.toLowerCase()}">${totals[s.toLowerCase()]}</span> ${severityBadge(s)}</div>`)}
</div>
${images.total > images.items.length ? html`<p class="muted">The table lists the ${images.items.length} most recently scanned of ${images.total} images.</p>` : ''}
</section>
<section aria-labelledby="db-h"><h2 id="db-h">Since the last database update</h2>
${db.loaded === false || !db.builtAt ? html`<p class="muted">The server has no vulnerability database loaded.</p>` : html`<p>Database built ${when(db.builtAt)}.
${re ? html` The last re-match (${when(re.finishedAt)}) checked ${re.images} images: <strong data-testid="rematch-new">${re.newFindings}</strong> new and <strong data-testid="rematch-resolved">${re.resolvedFindings}</strong> resolved findings in ${re.changedImages} images. <a href="${href('/events', { cause: 'db-change' })}">See the events</a>.` : ' No re-match has run since the server started.'}</p>`}
</section>
<section aria-labelledby="trend-h"><h2 id="trend-h">Trend</h2>
<link rel="stylesheet" href="/assets/uplot.css"><script src="/assets/uplot.js" defer></script>
<div id="trend" role="img" aria-label="Open findings over time"></div><p id="trend-status" class="muted" aria-live="polite">Loading the trend…</p>
</section>
<section aria-labelledby="crit-h"><h2 id="crit-h">Oldest open critical findings</h2>
${dataTable('criticals', 'Critical findings, oldest first', criticals, [
    { label: 'First seen', cell: (c) => when(c.firstSeen), sortValue: (c) => c.firstSeen },
    { label: 'Vulnerability', cell: (c) => html`<a href="${vulnHref(c.id)}">${c.id}</a>`, sortValue: (c) => c.id },
    { label: 'Image', cell: (c) => html`<a href="${imageHref(c.digest)}">${c.image}</a>`, sortValue: (c) => c.image },
    { label: 'Package', cell: (c) => c.package },
    { label: 'Fixed in', cell: (c) => c.fixedVersion ?? html`<span class="muted">no fix yet</span>` },
  ], query, 'No open critical finding.')}
</section>
<section aria-labelledby="images-h"><h2 id="images-h">Images</h2>${table}</section>`;
  return { title: 'Overview', body };
}

interface Critical {
  id: string;
  firstSeen: string;
  image: string;
  digest: string;
  package: string;
  fixedVersion?: string;
}

/** The oldest images hold the oldest findings: their critical findings, oldest first (bounded: 12 images, 20 rows). */
async function oldestCriticals(api: UiApi, images: Summary[]): Promise<Critical[]> {
  const withCritical = images.filter((i) => (i.counts.critical ?? 0) > 0).sort((a, b) => a.firstSeen.localeCompare(b.firstSeen)).slice(0, 12);
  const lists = await Promise.all(
    withCritical.map(async (i) => {
      const r = await api.get<{ items: any[] }>(`/images/${encodeURIComponent(i.digest)}/findings?severity=CRITICAL&limit=100`);
      return r.items.map((f) => ({ id: String(f.id), firstSeen: String(f.firstSeen ?? ''), image: i.name, digest: i.digest, package: f.package ? `${f.package.name} ${f.package.version ?? ''}`.trim() : (f.location?.path ?? ''), fixedVersion: f.fixedVersion }));
    }),
  );
  return lists.flat().sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.id.localeCompare(b.id, 'en', { numeric: true })).slice(0, 20);
}

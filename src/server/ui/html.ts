/**
 * Server-rendered HTML: tagged templates that escape every interpolated value unless it is
 * already `Html` (built by this module). No template engine: the pages are small and this keeps
 * the dashboard one dependency lighter and XSS-safe by construction.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function escapeHtml(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type Part = Html | string | number | boolean | null | undefined | Part[];

function render(v: Part): string {
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return v.map(render).join('');
  if (v instanceof Html) return v.text;
  return escapeHtml(v);
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const;

export function severityBadge(sev: string | undefined): Html {
  const s = (sev ?? 'UNKNOWN').toUpperCase();
  return html`<span class="sev sev-${s.toLowerCase()}">${s}</span>`;
}

/** A path under the dashboard with query parameters (empty ones dropped). */
export function href(path: string, query: Record<string, string | number | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export function imageHref(digest: string): string {
  return `/images/${encodeURIComponent(digest)}`;
}

export function vulnHref(id: string): string {
  return `/vulnerabilities/${encodeURIComponent(id)}`;
}

export function shortDigest(d: string | undefined): string {
  return d ? d.replace(/^sha256:/, '').slice(0, 12) : '';
}

export function when(iso: string | undefined | null): Html {
  if (!iso) return html`<span class="muted">—</span>`;
  return html`<time datetime="${iso}">${iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}</time>`;
}

export interface Column<T> {
  /** Header text. */
  label: string;
  cell(row: T): Part;
  /** Value the client-side sort uses (defaults to the cell's text). */
  sortValue?(row: T): string | number;
  numeric?: boolean;
}

/**
 * A table the client script can sort (click or Enter on a header) and filter (the search box
 * above it). Sort and filter live in the query string (`<id>-sort`, `<id>-q`), so a filtered view
 * is a URL; the server applies them too, so the page is right before the script runs.
 */
export function dataTable<T>(id: string, caption: string, rows: T[], columns: Column<T>[], query: URLSearchParams, empty = 'Nothing here.', max = 2000): Html {
  const q = (query.get(`${id}-q`) ?? '').trim().toLowerCase();
  const sortParam = query.get(`${id}-sort`) ?? '';
  const desc = sortParam.startsWith('-');
  const sortCol = columns.findIndex((c) => c.label === sortParam.replace(/^-/, ''));
  const texts = rows.map((r) => columns.map((c) => (c.sortValue ? c.sortValue(r) : stripTags(render(c.cell(r))))));
  const rowText = texts.map((t) => t.join(' ').toLowerCase());
  // Every row is rendered (rows outside the filter hidden), so clearing the filter in the page shows them again.
  const shown = (i: number) => !q || rowText[i].includes(q);
  const order = rows.map((_, i) => i);
  if (sortCol >= 0) order.sort((a, b) => compareValues(texts[a][sortCol], texts[b][sortCol]) * (desc ? -1 : 1));
  const visible = order.filter(shown).length;
  // Past `max` rows only the filtered rows are sent (a page stays fast with thousands of rows);
  // the filter box then submits to the server instead of filtering in the page.
  const partial = rows.length > max;
  const sent = partial ? order.filter(shown).slice(0, max) : order;
  const body = sent.map(
    (i) => html`<tr data-text="${rowText[i]}"${shown(i) ? '' : new Html(' hidden')}>${columns.map((c, j) => html`<td data-sort="${texts[i][j]}"${c.numeric ? new Html(' class="num"') : ''}>${c.cell(rows[i])}</td>`)}</tr>`,
  );
  return html`<div class="table-block" data-table="${id}">
  <form method="get" class="table-tools" role="search"><label for="${id}-q">Filter ${caption.toLowerCase()}</label>
  <input type="search" id="${id}-q" name="${id}-q" value="${query.get(`${id}-q`) ?? ''}"${partial ? '' : new Html(` data-filter="${escapeHtml(id)}"`)} autocomplete="off">
  <span class="count" data-count="${id}" aria-live="polite">${visible} of ${rows.length}${partial && visible > max ? `, first ${max} shown: filter to narrow` : ''}</span></form>
  <table id="${id}"><caption>${caption}</caption>
  <thead><tr>${columns.map((c, j) => {
    const state = j === sortCol ? (desc ? 'descending' : 'ascending') : 'none';
    return html`<th scope="col" aria-sort="${state}"${c.numeric ? new Html(' class="num"') : ''}><button type="button" data-sort-col="${j}" data-sort-label="${c.label}" aria-label="Sort by ${c.label}">${c.label}</button></th>`;
  })}</tr></thead>
  <tbody>${body}</tbody></table>
  ${rows.length === 0 ? html`<p class="muted">${empty}</p>` : ''}</div>`;
}

function stripTags(s: string): string {
  return s.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim();
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { numeric: true });
}

/** Severity rank for sorting: CRITICAL first. */
export function severityRank(s: string | undefined): number {
  const i = SEVERITIES.indexOf(((s ?? 'UNKNOWN').toUpperCase() as (typeof SEVERITIES)[number]));
  return i < 0 ? SEVERITIES.length : i;
}

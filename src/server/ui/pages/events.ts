import type { UiApi } from '../api-client.js';
import { dataTable, href, html, imageHref, severityBadge, severityRank, vulnHref, when, type Html } from '../html.js';

const PAGE = 5000;
const MAX_PAGES = 20;

/** New and resolved findings over time, newest first; filters (type, image digest, since, cause) are query parameters. */
export async function eventsPage(api: UiApi, query: URLSearchParams): Promise<{ title: string; body: Html }> {
  const type = query.get('type') ?? '';
  const digest = query.get('digest') ?? '';
  const since = query.get('since') ?? '';
  const cause = query.get('cause') ?? '';
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (type) params.set('type', type);
  if (digest) params.set('digest', digest);
  if (since) params.set('since', since);
  // The API answers oldest first: read forward (bounded) and show the newest 500.
  let events: any[] = [];
  let after: number | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    if (after !== undefined) params.set('after', String(after));
    const r = await api.get<{ items: any[]; last?: number }>(`/events?${params}`);
    events = events.concat(r.items);
    if (r.items.length < PAGE || r.last === undefined) break;
    after = r.last;
    if (events.length > 2 * PAGE) events = events.slice(-PAGE);
  }
  if (cause) events = events.filter((e) => e.cause === cause);
  const shown = events.slice(-500).reverse();
  const body = html`<h1>Events</h1>
<form method="get" action="/events" class="table-tools" aria-label="Event filters">
<label for="f-type">Type</label><select id="f-type" name="type">
${[['', 'all'], ['findings.new', 'new findings'], ['findings.resolved', 'resolved findings']].map(([v, l]) => html`<option value="${v}"${v === type ? html` selected` : ''}>${l}</option>`)}
</select>
<label for="f-cause">Cause</label><select id="f-cause" name="cause">
${[['', 'all'], ['scan', 'scan upload'], ['db-change', 'database change'], ['server-scan', 'server scan']].map(([v, l]) => html`<option value="${v}"${v === cause ? html` selected` : ''}>${l}</option>`)}
</select>
<label for="f-digest">Image digest</label><input id="f-digest" name="digest" value="${digest}" size="20">
<label for="f-since">Since</label><input id="f-since" name="since" value="${since}" placeholder="2026-01-31T00:00:00Z" size="22">
<button type="submit" class="primary">Apply</button> <a href="/events">Clear</a>
</form>
<p class="muted"><span data-testid="events-count">${shown.length}</span> events shown (newest first${events.length > shown.length ? `, of ${events.length}` : ''}).</p>
${dataTable('events', 'Events', shown, [
    { label: 'Time', cell: (e) => when(e.time), sortValue: (e) => e.time },
    { label: 'Change', cell: (e) => (e.type === 'findings.new' ? 'new' : 'resolved') },
    { label: 'Cause', cell: (e) => e.cause },
    { label: 'Image', cell: (e) => html`<a href="${imageHref(e.image?.digest ?? '')}">${e.image?.name ?? ''}</a>`, sortValue: (e) => e.image?.name ?? '' },
    { label: 'Finding', cell: (e) => (e.finding?.kind === 'vulnerability' || /^(CVE|GHSA|DSA|DLA|ALAS|RHSA)-/.test(e.finding?.id ?? '') ? html`<a href="${vulnHref(e.finding.id)}">${e.finding.id}</a>` : e.finding?.id ?? ''), sortValue: (e) => e.finding?.id ?? '' },
    { label: 'Severity', cell: (e) => severityBadge(e.finding?.severity), sortValue: (e) => severityRank(e.finding?.severity) },
  ], query, 'No event matches.')}
<p><a href="${href('/events', { type: 'findings.new' })}">Only new findings</a> · <a href="${href('/events', { cause: 'db-change' })}">Only database changes</a></p>`;
  return { title: 'Events', body };
}

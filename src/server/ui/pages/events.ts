import type { UiApi } from '../api-client.js';
import { dataTable, href, html, imageHref, severityBadge, severityRank, vulnHref, when, type Html } from '../html.js';

const SHOWN = 500;

/** The newest new and resolved findings; filters (type, image digest, since, cause) are query parameters. */
export async function eventsPage(api: UiApi, query: URLSearchParams): Promise<{ title: string; body: Html }> {
  const type = query.get('type') ?? '';
  const digest = query.get('digest') ?? '';
  const since = query.get('since') ?? '';
  const cause = query.get('cause') ?? '';
  const params = new URLSearchParams({ limit: String(SHOWN), order: 'newest' });
  if (type) params.set('type', type);
  if (digest) params.set('digest', digest);
  if (since) params.set('since', since);
  let events = (await api.get<{ items: any[] }>(`/events?${params}`)).items;
  // The API has no cause filter: it narrows the newest events read.
  if (cause) events = events.filter((e) => e.cause === cause);
  const shown = events;
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
<p class="muted"><span data-testid="events-count">${shown.length}</span> events shown, newest first (at most ${SHOWN}${cause ? ', then narrowed by cause' : ''}).</p>
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

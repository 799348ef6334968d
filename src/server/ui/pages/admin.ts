import type { UiApi } from '../api-client.js';
import { dataTable, html, when, type Html } from '../html.js';

/** Tokens (create, revoke) and the audit log; the API refuses both to a token without the admin scope. */
export async function adminPage(api: UiApi, query: URLSearchParams, created?: { name: string; token: string }): Promise<{ title: string; body: Html }> {
  const [tokens, audit] = await Promise.all([api.get<{ items: any[] }>('/tokens'), api.get<{ items: any[] }>('/audit?limit=500')]);
  const body = html`<h1>Tokens and audit log</h1>
${created ? html`<div class="card" role="status"><p>Token <strong>${created.name}</strong> created. Copy it now: it is not shown again.</p><p><code data-testid="new-token">${created.token}</code></p></div>` : ''}
<h2>New token</h2>
<form method="post" action="/admin/tokens" class="table-tools" aria-label="Create a token">
<label for="t-name">Token name</label><input id="t-name" name="name" required>
<fieldset><legend>Scopes</legend>
${['read', 'upload', 'admin'].map((s) => html`<input type="checkbox" id="t-scope-${s}" name="scopes" value="${s}"${s === 'read' ? html` checked` : ''}><label for="t-scope-${s}">${s}</label> `)}
</fieldset>
<label for="t-exp">Expires (ISO date, optional)</label><input id="t-exp" name="expiresAt" placeholder="2027-01-31T00:00:00Z">
<button type="submit" class="primary">Create token</button>
</form>
<h2>Tokens</h2>
${dataTable('tokens', 'Tokens', tokens.items, [
    { label: 'Name', cell: (t) => t.name },
    { label: 'Scopes', cell: (t) => (t.scopes ?? []).join(', ') },
    { label: 'Created', cell: (t) => when(t.createdAt), sortValue: (t) => t.createdAt ?? '' },
    { label: 'Expires', cell: (t) => when(t.expiresAt), sortValue: (t) => t.expiresAt ?? '' },
    { label: 'Last used', cell: (t) => when(t.lastUsedAt), sortValue: (t) => t.lastUsedAt ?? '' },
    { label: 'Revoke', cell: (t) => html`<form method="post" action="/admin/tokens/${t.id}/delete"><button type="submit" aria-label="Revoke token ${t.name}">Revoke</button></form>` },
  ], query)}
<h2>Audit log</h2>
${dataTable('audit', 'Every write to the server', audit.items.slice().reverse(), [
    { label: 'Time', cell: (a) => when(a.time), sortValue: (a) => a.time },
    { label: 'Who', cell: (a) => a.actor },
    { label: 'Action', cell: (a) => a.action },
    { label: 'Target', cell: (a) => html`<span class="mono">${a.target}</span>` },
    { label: 'Detail', cell: (a) => html`<span class="mono">${JSON.stringify(a.detail ?? {})}</span>` },
    { label: 'From', cell: (a) => a.remote ?? '' },
  ], query)}`;
  return { title: 'Tokens and audit log', body };
}

import type { UiApi } from '../api-client.js';
import { dataTable, html, severityBadge, severityRank, type Html } from '../html.js';

/** Every misconfiguration and secret rule: why it matters, how to fix it, and the same rule's id in other tools. */
export async function rulesPage(api: UiApi, query: URLSearchParams): Promise<{ title: string; body: Html }> {
  const rules = await api.get<{ items: any[]; total: number }>('/rules');
  const body = html`<h1>Rules</h1>
<p><span data-testid="rules-total">${rules.total}</span> built-in rules. Filter by id, tool alias (DL3008, no-read-only-root-fs, gitleaks/…) or words.</p>
${dataTable('rules', 'Rules', rules.items, [
    { label: 'Id', cell: (r) => html`<span class="mono" id="rule-${r.id}">${r.id}</span>`, sortValue: (r) => r.id },
    { label: 'Kind', cell: (r) => `${r.kind} · ${r.type}` },
    { label: 'Severity', cell: (r) => severityBadge(r.severity), sortValue: (r) => severityRank(r.severity) },
    { label: 'Title', cell: (r) => html`<strong>${r.title}</strong><br><span class="muted">${r.why}</span>` },
    { label: 'Fix', cell: (r) => r.fix },
    { label: 'Aliases', cell: (r) => (r.aliases ?? []).join(', ') },
  ], query)}`;
  return { title: 'Rules', body };
}

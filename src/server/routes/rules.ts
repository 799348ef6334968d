import { allRuleMeta } from '../../misconfig/index.js';
import { builtinRules } from '../../secrets/index.js';
import { sendJson } from '../http.js';
import type { Route } from './route.js';

/** One catalogue entry: what the dashboard's rules page and API clients list. */
interface RuleEntry {
  kind: 'misconfig' | 'secret';
  id: string;
  type: string;
  severity: string;
  title: string;
  why: string;
  fix: string;
  references: string[];
  aliases: string[];
}

let cached: RuleEntry[] | undefined;

/** The built-in rules are library data: listed once per process. */
function catalogue(): RuleEntry[] {
  if (cached) return cached;
  const misconfig: RuleEntry[] = allRuleMeta().map((r) => ({ kind: 'misconfig', id: r.id, type: r.type, severity: r.severity, title: r.title, why: r.why, fix: r.fix, references: r.references, aliases: r.aliases }));
  const secret: RuleEntry[] = builtinRules.map((r) => ({ kind: 'secret', id: r.id, type: r.category, severity: r.severity, title: r.title, why: r.why, fix: r.fix, references: r.references ?? [], aliases: r.aliases ?? [] }));
  cached = [...misconfig, ...secret].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  return cached;
}

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/rules',
    scope: 'read',
    summary: 'every built-in misconfiguration and secret rule: id, kind, type, severity, title, why, fix, references, aliases (?kind=misconfig|secret)',
    async handle({ res, url }) {
      const kind = url.searchParams.get('kind');
      const items = catalogue().filter((r) => !kind || r.kind === kind);
      sendJson(res, 200, { items, total: items.length });
    },
  },
];

import type { Finding, ScanWarning } from '../../core/types.js';
import { toFinding, ruleMatches } from '../finding.js';
import { parseYamlDocs } from '../yaml-docs.js';
import { composeRules } from './rules.js';
import type { ComposeCtx } from './context.js';

export { composeRules };

/**
 * Checks a docker-compose file. Suppress per service with an `x-coastguard-ignore: [ID, …]`
 * extension field (compose ignores `x-` keys) or file-wide at the top level.
 */
export function scanCompose(text: string, path: string, skip: string[] = []): { findings: Finding[]; warnings: ScanWarning[] } {
  const { docs, warnings } = parseYamlDocs(text, path);
  const doc = docs[0];
  const findings: Finding[] = [];
  const v = doc?.value as Record<string, unknown> | undefined;
  if (!doc || !v || typeof v.services !== 'object' || v.services === null || Array.isArray(v.services)) return { findings, warnings };
  const services = Object.entries(v.services as Record<string, unknown>)
    .filter(([, s]) => s && typeof s === 'object')
    .map(([name, value]) => ({ name, value }));
  const ctx: ComposeCtx = { path, doc, services };
  const fileIgnores = list(v['x-coastguard-ignore']);
  for (const r of composeRules) {
    if ([...skip, ...fileIgnores].some((t) => ruleMatches(r, t))) continue;
    for (const is of r.check(ctx)) {
      const svc = services.find((s) => `service/${s.name}` === is.object);
      if (svc && list((svc.value as Record<string, unknown>)['x-coastguard-ignore']).some((t) => ruleMatches(r, t))) continue;
      findings.push(toFinding(r, is, path, path));
    }
  }
  return { findings, warnings };
}

const list = (x: unknown): string[] => (Array.isArray(x) ? x.map(String) : typeof x === 'string' ? x.split(/[,\s]+/).filter(Boolean) : []);

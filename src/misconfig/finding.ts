import { fingerprint } from '../core/fingerprint.js';
import type { Finding } from '../core/types.js';
import type { Issue, RuleMeta } from './types.js';

/** Turns a rule's issue into the one Finding shape reports and the policy gate know. */
export function toFinding(meta: RuleMeta, issue: Issue, target: string, path: string, layer?: string): Finding {
  const f: Finding = {
    kind: 'misconfig',
    id: meta.id,
    aliases: meta.aliases,
    severity: meta.severity,
    title: meta.title,
    target,
    location: { path, ...(issue.line ? { line: issue.line, endLine: issue.endLine ?? issue.line } : {}), ...(layer ? { layer } : {}) },
    // Message and line are left out on purpose: an ignore must survive lines moving and rewording.
    fingerprint: fingerprint('misconfig', meta.id, target, path, issue.object ?? '', issue.message.replace(/\bline \d+/g, 'line')),
    description: issue.message,
    fix: meta.fix,
    references: meta.references,
    configType: meta.type,
    slug: meta.slug,
  };
  if (issue.object) f.object = issue.object;
  return f;
}

/** Whether an ignore token (our id, an alias, or a slug) names this rule, case-insensitively. */
export function ruleMatches(meta: RuleMeta, token: string): boolean {
  const t = token.trim().toLowerCase();
  if (!t) return false;
  if (t === '*' || t === 'all') return true;
  if (meta.id.toLowerCase() === t || meta.slug.toLowerCase() === t) return true;
  return meta.aliases.some((a) => {
    const al = a.toLowerCase();
    // kube-linter/privileged-container also matches a bare "privileged-container".
    return al === t || al.split('/').pop() === t;
  });
}

import type { RuleOptions } from '../types.js';
import type { Finding, ScanWarning } from '../../core/types.js';
import { toFinding, ruleMatches } from '../finding.js';
import { parseDockerfile } from './parse.js';
import { collectIgnores } from './ignore.js';
import { dockerfileRules } from './rules.js';

export { dockerfileRules };

/** Runs every Dockerfile rule over one file, honouring inline `# coastguard:ignore=ID` comments. */
export function scanDockerfile(text: string, path: string, skip: string[] = [], options: RuleOptions = {}): { findings: Finding[]; warnings: ScanWarning[] } {
  const { ctx, warnings } = parseDockerfile(text, path);
  ctx.options = options;
  if (ctx.stages.length === 0) return { findings: [], warnings };
  const ignores = collectIgnores(ctx);
  const findings: Finding[] = [];
  for (const r of dockerfileRules) {
    if ([...skip, ...ignores.file].some((t) => ruleMatches(r, t))) continue;
    let issues;
    try {
      issues = r.check(ctx);
    } catch (e) {
      warnings.push({ what: `rule ${r.id} failed: ${(e as Error).message}`, where: path });
      continue;
    }
    for (const is of issues) {
      const tokens = is.line ? ignores.byLine.get(is.line) : undefined;
      if (tokens?.some((t) => ruleMatches(r, t))) continue;
      findings.push(toFinding(r, is, path, path));
    }
  }
  return { findings: findings.sort(byLine), warnings };
}

export const byLine = (a: Finding, b: Finding) =>
  (a.location.path ?? '').localeCompare(b.location.path ?? '') || (a.location.line ?? 0) - (b.location.line ?? 0) || a.id.localeCompare(b.id);

import { builtinRules } from './rules/index.js';

export const RULES_BEGIN = '<!-- rules:begin (generated from the rule metadata by src/secrets/docs.ts) -->';
export const RULES_END = '<!-- rules:end -->';

/** The rule table of docs/secrets.md, generated from the rules' metadata. */
export function rulesMarkdown(): string {
  const rows = [...builtinRules]
    .sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id))
    .map((r) => `| \`${r.id}\`${r.defaultOff ? ' (opt-in)' : ''} | ${r.category} | ${r.severity} | ${r.title} | ${r.aliases.map((a) => `\`${a}\``).join(' ') || '—'} |`);
  return [
    RULES_BEGIN,
    `${builtinRules.length} rules.`,
    '',
    '| Rule | Category | Severity | Finds | Same rule in other tools |',
    '|---|---|---|---|---|',
    ...rows,
    RULES_END,
  ].join('\n');
}

// Writes src/secrets/builtin-leads.ts: every built-in rule's keyword lead, worked out from its
// syntax tree. Run after changing a rule: `npx tsx src/secrets/tools/gen-builtin-leads.ts`
// (keyword-lead.test.ts fails while the table is stale).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules } from '../rules/index.js';
import { builtinLeadsSource } from './builtin-leads-source.js';

writeFileSync(join(import.meta.dirname, '..', 'builtin-leads.ts'), builtinLeadsSource(builtinRules));
console.log(`wrote leads of ${builtinRules.length} rules`);

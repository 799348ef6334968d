// Writes docs/rules/** from the rules' metadata: `npx tsx src/misconfig/tools/gen-rule-docs.ts`.
// src/misconfig/tools/rule-docs.test.ts fails when the committed pages are out of date.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { allRuleMeta } from '../index.js';
import { ruleDocs } from './rule-docs.js';

const out = join(import.meta.dirname, '../../../docs/rules');
rmSync(out, { recursive: true, force: true });
const docs = ruleDocs(allRuleMeta());
for (const [rel, text] of docs) {
  mkdirSync(dirname(join(out, rel)), { recursive: true });
  writeFileSync(join(out, rel), text);
}
console.log(`wrote ${docs.size} pages to ${out}`);

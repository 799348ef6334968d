import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES_BEGIN, RULES_END, rulesMarkdown } from './docs.js';

const DOC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'secrets.md');

test('docs/secrets.md lists every rule as the metadata says (UPDATE_DOCS=1 regenerates)', () => {
  const text = readFileSync(DOC, 'utf8');
  const a = text.indexOf(RULES_BEGIN);
  const b = text.indexOf(RULES_END);
  assert.ok(a >= 0 && b > a, 'rule table markers missing');
  const current = text.slice(a, b + RULES_END.length);
  const want = rulesMarkdown();
  if (process.env.UPDATE_DOCS === '1' && current !== want) writeFileSync(DOC, text.slice(0, a) + want + text.slice(b + RULES_END.length));
  else assert.equal(current, want);
});

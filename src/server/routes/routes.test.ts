import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { ROUTE_MODULES } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));

test('every route module in routes/ is registered', () => {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts' && f !== 'route.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  assert.deepEqual(Object.keys(ROUTE_MODULES).sort(), files);
});

test('every route is documented in docs/server.md and unique', () => {
  const doc = readFileSync(join(here, '..', '..', '..', 'docs', 'server.md'), 'utf8');
  const seen = new Set<string>();
  for (const [mod, routes] of Object.entries(ROUTE_MODULES)) {
    assert.ok(routes.length > 0, `${mod} exports no routes`);
    for (const r of routes) {
      const key = `${r.method} ${r.path.replace(/:([a-zA-Z]+)/g, '{$1}')}`;
      assert.ok(!seen.has(key), `${key} twice`);
      seen.add(key);
      assert.ok(r.summary.length > 10, `${key} has no summary`);
      assert.ok(doc.includes(key) || doc.includes(key.replace(/^(GET|POST|PUT|DELETE) /, '$1`/`')), `${key} (${mod}.ts) missing from docs/server.md`);
    }
  }
});

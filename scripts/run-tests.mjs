#!/usr/bin/env node
// Finds every *.test.ts under src/ and test/ and runs them with node's own test runner
// (TypeScript through tsx). Extra arguments filter by path substring: `npm run test:only -- runtime`.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['src', 'test'];
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures' || name === 'testdata') continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) files.push(p);
  }
};
for (const r of roots) { try { walk(r); } catch { /* absent */ } }
const filters = process.argv.slice(2);
const chosen = files.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
if (chosen.length === 0) { console.error('no test files matched'); process.exit(1); }
const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...chosen];
const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(r.status ?? 1);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { scanFlags } from './common-flags.js';

const root = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');
const known = new Set(Object.keys(scanFlags).map((f) => `--${f}`).concat(['--input', '--image', '--help']));

/** Every --flag a CI file passes must be one the scan commands accept. */
function flagsIn(text: string): string[] {
  return [...new Set(text.match(/(?<![\w-])--[a-z][a-z-]+/g) ?? [])].filter((f) => !['--no-audit', '--no-fund', '--ignore-scripts', '--omit'].includes(f));
}

test('action.yml builds the command line from its inputs (run with a stand-in binary)', () => {
  const action = parse(read('action.yml'));
  const step = action.runs.steps.find((s: { id?: string }) => s.id === 'scan');
  for (const f of flagsIn(step.run)) assert.ok(known.has(f), `unknown flag ${f} in action.yml`);
  const dir = mkdtempSync(join(tmpdir(), 'cg-action-'));
  const printer = join(dir, 'print.mjs');
  writeFileSync(printer, 'console.log(JSON.stringify(process.argv.slice(2))); process.exit(3);\n');
  const out = join(dir, 'github-output');
  writeFileSync(out, '');
  const r = spawnSync('bash', ['-c', step.run], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      CG_BIN: `${process.execPath} ${printer}`,
      GITHUB_OUTPUT: out,
      CG_SCAN_TYPE: 'image',
      CG_TARGET: 'registry.example.org/shop/api:1.4.2',
      CG_INPUT: '',
      CG_FORMAT: 'table',
      CG_OUTPUT: '',
      CG_SARIF: 'coastguard.sarif',
      CG_SEVERITY: 'HIGH,CRITICAL',
      CG_EXIT_CODE: '3',
      CG_IGNORE_UNFIXED: 'true',
      CG_CONFIG: '',
      CG_VEX: 'a.openvex.json, b vex.json\nc.cdx.json',
      CG_SCANNERS: '',
      CG_ARGS: '--platform linux/arm64',
    },
  });
  assert.equal(r.status, 3, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [
    'image', 'registry.example.org/shop/api:1.4.2', '--format', 'table', '--format', 'sarif', '--output', 'coastguard.sarif',
    '--severity', 'HIGH,CRITICAL', '--exit-code', '3', '--ignore-unfixed',
    '--vex', 'a.openvex.json', '--vex', 'b vex.json', '--vex', 'c.cdx.json', '--platform', 'linux/arm64',
  ]);
  assert.equal(readFileSync(out, 'utf8'), 'exit-code=3\n');
});

test('the GitLab template and pre-commit hooks parse and use real flags', () => {
  const gl = parse(read('ci/gitlab-ci.yml'));
  assert.ok(gl['.coastguard'] && gl['coastguard-image'] && gl['coastguard-config']);
  assert.equal(gl['.coastguard'].artifacts.reports.junit, 'coastguard-junit.xml');
  for (const f of flagsIn(read('ci/gitlab-ci.yml'))) assert.ok(known.has(f), `unknown flag ${f} in ci/gitlab-ci.yml`);
  const hooks = parse(read('.pre-commit-hooks.yaml')) as { id: string; entry: string; language: string }[];
  assert.deepEqual(hooks.map((h) => h.id), ['coastguard-secrets', 'coastguard-config', 'coastguard-fs']);
  for (const h of hooks) {
    assert.match(h.entry, /^coastguard (fs|config) /);
    for (const f of flagsIn(h.entry)) assert.ok(known.has(f), `unknown flag ${f} in hook ${h.id}`);
  }
});

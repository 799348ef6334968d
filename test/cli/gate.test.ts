import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { repoRoot, tempDir } from '../helpers.js';
import { ExitCode } from '../../src/core/errors.js';

// The gate (--exit-code) must never pass over what was not checked: a vulnerability scanner
// without a DB (or with a DB for other distributions), files that could not be parsed, ids that
// name nothing. Real inputs: the sample Debian 13 image and a DB built from the sample feed.
const image = join(repoRoot, 'samples', 'debian13-sample.tar');
let work: string;
let debianDb: string;

before(async () => {
  work = tempDir('cg-gate-');
  debianDb = join(work, 'debian.db');
  const b = await runCli(['db', 'build', '--output', debianDb, join(repoRoot, 'samples', 'debian-security-tracker.json')]);
  assert.equal(b.code, 0, b.stderr);
});

const noDbAt = (cache: string) => join(cache, 'db', 'coastguard.db');

test('a gated image scan with no DB at the default path exits 4 with one line, even under --quiet', async () => {
  const cache = join(work, 'cache-a');
  const json = join(work, 'a.json');
  const sarif = join(work, 'a.sarif');
  const r = await runCli(['image', '--input', image, '--cache-dir', cache, '--exit-code', '1', '--quiet', '-f', 'json', '-o', json, '-f', 'sarif', '-o', sarif]);
  assert.equal(r.code, ExitCode.DB);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^coastguard: gate failed: vulnerabilities not checked: no vulnerability database \(.*--skip-db.*\): /);
  assert.ok(lines[0].endsWith(noDbAt(cache)), lines[0]);
  // The reports are still written, and say what was not checked.
  const j = JSON.parse(readFileSync(json, 'utf8'));
  assert.deepEqual(j.warnings.filter((w: { notChecked?: string }) => w.notChecked), [
    { what: lines[0].replace(/^coastguard: gate failed: /, '').replace(`: ${noDbAt(cache)}`, ''), where: noDbAt(cache), notChecked: 'scanner', scanner: 'vuln' },
  ]);
  const inv = JSON.parse(readFileSync(sarif, 'utf8')).runs[0].invocations[0];
  assert.equal(inv.executionSuccessful, false);
  assert.equal(inv.toolExecutionNotifications[0].level, 'error');
  assert.match(inv.toolExecutionNotifications[0].message.text, /^vulnerabilities not checked: no vulnerability database .*: coastguard\.db$/);
});

test('--skip-db is the explicit way out: the gate then judges the other scanners', async () => {
  const cache = join(work, 'cache-b');
  const r = await runCli(['image', '--input', image, '--cache-dir', cache, '--exit-code', '9', '--skip-db', '-f', 'json']);
  assert.equal(r.code, 9, r.stderr); // CG-IMG-001 (runs as root) remains
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.warnings, [{ what: 'vulnerabilities not checked: --skip-db' }]);
  assert.deepEqual([...new Set(j.findings.map((f: { id: string }) => f.id))].sort(), ['CG-IMG-001', 'CG-IMG-002']);
  // Asking for other scanners only is the same choice.
  const m = await runCli(['image', '--input', image, '--cache-dir', cache, '--exit-code', '9', '--scanners', 'secret', '-q']);
  assert.equal(m.code, 0, m.stderr);
  assert.equal(m.stderr, '');
});

test('without --exit-code a missing DB is a warning and the scan passes', async () => {
  const cache = join(work, 'cache-c');
  const r = await runCli(['image', '--input', image, '--cache-dir', cache]);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /^coastguard: warning: vulnerabilities not checked: no vulnerability database/m);
});

test('a DB that covers none of the scanned ecosystems fails the gate (exit 4), naming them', async () => {
  const dir = join(work, 'npm-app');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({
    name: 'app', lockfileVersion: 3, packages: { '': { name: 'app' }, 'node_modules/lodash': { version: '4.17.15' } },
  }));
  const r = await runCli(['fs', dir, '--db', debianDb, '--cache-dir', join(work, 'cache-d'), '--exit-code', '1', '-q']);
  assert.equal(r.code, ExitCode.DB);
  assert.equal(r.stderr, `coastguard: gate failed: vulnerabilities not checked: the database covers none of this scan's ecosystems (npm); build it with feeds for them: ${debianDb}\n`);
  // The sample Debian 13 image is covered by the same DB: the scanner ran, and the gate judges findings.
  const ok = await runCli(['image', '--input', image, '--db', debianDb, '--cache-dir', join(work, 'cache-d'), '--scanners', 'vuln', '--exit-code', '1', '-f', 'json']);
  assert.notEqual(ok.code, ExitCode.DB, ok.stderr);
  const j = JSON.parse(ok.stdout);
  assert.ok(!(j.warnings ?? []).some((w: { notChecked?: string }) => w.notChecked));
  assert.equal(j.db.schemaVersion, 1);
  assert.deepEqual(j.db.sources.map((s: { location: string; records: number }) => [s.location, s.records]), [[join(repoRoot, 'samples', 'debian-security-tracker.json'), 18]]);
  assert.match(j.db.builtAt, /^\d{4}-\d{2}-\d{2}T/);
});

test('a file config cannot parse fails a gated scan (exit 3); its warning is printed once', async () => {
  const dir = join(work, 'manifests');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: a\n');
  const plain = await runCli(['config', dir]);
  assert.equal(plain.code, 0);
  assert.equal(plain.stderr.split('\n').filter((l) => l.includes('malformed YAML')).length, 1, plain.stderr);
  const gated = await runCli(['config', dir, '--exit-code', '1', '--quiet']);
  assert.equal(gated.code, ExitCode.INPUT);
  assert.match(gated.stderr, /^coastguard: gate failed: not checked: malformed YAML: .*pod\.yaml:3\n$/);
  // fs reaches the same file through its own scanner: same verdict.
  const fs = await runCli(['fs', dir, '--skip-db', '--exit-code', '1', '--quiet']);
  assert.equal(fs.code, ExitCode.INPUT, fs.stderr);
});

test('unknown ids in --skip-rules, ignore files and policy files are errors naming them', async () => {
  const dir = join(work, 'ids');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), 'FROM debian:latest\n');
  const skip = await runCli(['config', dir, '--skip-rules', 'DL3007,CG-DF-999,no-such-rule']);
  assert.equal(skip.code, ExitCode.USAGE);
  assert.equal(skip.stderr, 'coastguard: unknown rule ids CG-DF-999, no-such-rule (see docs/rules): --skip-rules\n');
  // Real ids of every kind are accepted: a hadolint alias, our slug, a Trivy id, a CVE.
  const ok = await runCli(['config', dir, '--skip-rules', 'DL3007,AVD-DS-0001,CVE-2024-1234', '-q']);
  assert.equal(ok.code, 0, ok.stderr);

  const ignore = join(dir, '.trivyignore');
  writeFileSync(ignore, 'CVE-2023-44487\n# a comment\nDS-0002\nKSV-TYPO\n');
  const ig = await runCli(['config', dir, '--ignorefile', ignore]);
  assert.equal(ig.code, ExitCode.CONFIG);
  assert.equal(ig.stderr, `coastguard: unknown rule or vulnerability id KSV-TYPO in ignores: ${ignore}:4\n`);

  const policy = join(dir, 'policy.yaml');
  writeFileSync(policy, 'ignore:\n  - id: GHSA-p6mc-m468-83gw\n    reason: ok\n  - rules: [DL3007, not-a-rule]\n    reason: typo\n');
  const po = await runCli(['config', dir, '--config', policy]);
  assert.equal(po.code, ExitCode.CONFIG);
  assert.equal(po.stderr, `coastguard: unknown rule or vulnerability id not-a-rule in ignores: ${policy}:4\n`);
});

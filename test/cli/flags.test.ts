import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { repoRoot, tempDir } from '../helpers.js';
import { commands } from '../../src/cli/commands.js';
import type { Command } from '../../src/cli/command.js';
import { TOOL_VERSION } from '../../src/core/version.js';

test('--help of every command and subcommand lists every flag it takes', async () => {
  const all: [string[], Command][] = [];
  for (const [name, load] of Object.entries(commands)) {
    const cmd = await load();
    if (cmd.subcommands) for (const sub of cmd.subcommands) all.push([[name, sub.name], sub]);
    else all.push([[name], cmd]);
  }
  assert.ok(all.length >= 15, String(all.length));
  for (const [argv, cmd] of all) {
    const r = await runCli([...argv, '--help']);
    assert.equal(r.code, 0, `${argv.join(' ')} --help: ${r.stderr}`);
    for (const flag of Object.keys(cmd.options)) assert.match(r.stdout, new RegExp(`--${flag}\\b`), `${argv.join(' ')} --help lists --${flag}`);
  }
  // fs used to list two flags; now every one, with its environment variable.
  const fs = await runCli(['fs', '--help']);
  for (const f of ['--severity', '--exit-code', '--skip-db', '--secret-config', '--skip-files', '--ignorefile', '--vex']) assert.ok(fs.stdout.includes(f), f);
  assert.match(fs.stdout, /--severity, -s VALUE +env COASTGUARD_SEVERITY/);
});

test('a mistyped flag or command says what was meant, exit 2', async () => {
  const r = await runCli(['image', '--severty', 'HIGH', 'alpine']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'coastguard: unknown flag --severty (did you mean --severity?): coastguard image\n');
  const far = await runCli(['fs', '--frobnicate', '.']);
  assert.equal(far.stderr, 'coastguard: unknown flag --frobnicate: coastguard fs\n');
  const c = await runCli(['confg', '.']);
  assert.equal(c.code, 2);
  assert.equal(c.stderr, `coastguard: unknown command "confg" (did you mean config?): see 'coastguard --help'\n`);
});

test('coastguard version shows the DB scans would use: path, build date, age', async () => {
  const work = tempDir('cg-version-');
  const none = await runCli(['version', '--cache-dir', work]);
  assert.equal(none.code, 0);
  assert.equal(none.stdout, `coastguard ${TOOL_VERSION}\nvulnerability DB: none at ${join(work, 'db', 'coastguard.db')} (run 'coastguard db update')\n`);
  const db = join(work, 'db', 'coastguard.db');
  const b = await runCli(['db', 'build', '--output', db, join(repoRoot, 'samples', 'debian-security-tracker.json')]);
  assert.equal(b.code, 0, b.stderr);
  const r = await runCli(['--version', '--cache-dir', work]);
  assert.equal(r.code, 0);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], `coastguard ${TOOL_VERSION}`);
  assert.equal(lines[1], `vulnerability DB: ${db}`);
  assert.match(lines[2], /^ {2}built: {2}\d{4}-\d{2}-\d{2}T[\d:.]+Z \((less than an hour ago|\d+ hours? ago)\)$/);
  assert.equal(lines[3], '  schema: 1, 18 vulnerabilities from 1 source');
});

test('COASTGUARD_<FLAG> environment variables stand in for flags; the command line wins', async () => {
  const dir = tempDir('cg-env-');
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM debian:latest\nRUN apt-get install -y curl\n');
  const env = { COASTGUARD_FORMAT: 'json', COASTGUARD_SEVERITY: 'HIGH', COASTGUARD_QUIET: 'true', COASTGUARD_EXIT_CODE: '6' };
  Object.assign(process.env, env);
  try {
    const r = await runCli(['config', dir]);
    assert.equal(r.code, 6, r.stderr);
    const ids = JSON.parse(r.stdout).findings.map((f: { id: string; severity: string }) => `${f.id} ${f.severity}`);
    assert.deepEqual(ids, ['CG-DF-004 HIGH']); // no USER: runs as root
    // Flags override the environment.
    const low = await runCli(['config', dir, '--severity', 'LOW', '--exit-code', '0']);
    assert.equal(low.code, 0);
    assert.ok(JSON.parse(low.stdout).findings.every((f: { severity: string }) => f.severity === 'LOW'));
    // A bad value is reported as the flag it stands for.
    process.env.COASTGUARD_EXIT_CODE = 'x';
    const bad = await runCli(['config', dir]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'coastguard: --exit-code must be a number from 0 to 255, not "x": --exit-code\n');
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
  }
});

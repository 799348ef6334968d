import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ExitCode } from '../core/index.js';
import { sampleResult } from '../../test/fixtures/report/sample-result.js';
import type { Command, CommandContext } from './command.js';
import { scanFlags } from './common-flags.js';
import { parseCommandArgs, reportError } from './main.js';
import { finishScan, loadRunPolicy } from './scan-output.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/policy/', import.meta.url));
const NOW = new Date('2026-11-25T12:00:00Z');

function sink() {
  const s = new PassThrough();
  let text = '';
  s.on('data', (d) => (text += d));
  return { stream: s, text: () => text };
}

/** A scan command shaped like the real ones: policy first, then the scan, then finishScan. */
function fakeScan(scanned: { count: number }): Command {
  return {
    name: 'fake',
    summary: '',
    usage: '',
    options: { ...scanFlags },
    async run(ctx) {
      const policy = await loadRunPolicy(ctx, (ctx as CommandContext & { cwd: string }).cwd);
      scanned.count++;
      return finishScan(sampleResult(), ctx, policy, { now: NOW });
    },
  };
}

async function runFake(argv: string[], cwd: string) {
  const scanned = { count: 0 };
  const cmd = fakeScan(scanned);
  const out = sink();
  const err = sink();
  let code: number;
  try {
    const parsed = parseCommandArgs(cmd, argv);
    code = await cmd.run!({ ...parsed, stdout: out.stream, stderr: err.stream, cwd } as CommandContext);
  } catch (e) {
    code = reportError(e, false, err.stream);
  }
  return { code, stdout: out.text(), stderr: err.text(), scanned: scanned.count };
}

test('format/output pairs follow the command line; files are written, the rest goes to stdout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-out-'));
  const r = await runFake(['--format', 'sarif', '--output', join(dir, 'a.sarif'), '--format', 'table', '-f', 'cyclonedx', '-o', join(dir, 'bom.json'), '--exit-code', '7'], dir);
  assert.equal(r.code, 7);
  assert.deepEqual(readdirSync(dir).sort(), ['a.sarif', 'bom.json']);
  assert.equal(JSON.parse(readFileSync(join(dir, 'a.sarif'), 'utf8')).runs.length, 1); // one run per scan
  assert.equal(JSON.parse(readFileSync(join(dir, 'bom.json'), 'utf8')).bomFormat, 'CycloneDX');
  assert.match(r.stdout, /Total: 72 \(CRITICAL: 0, HIGH: 72/);
  assert.equal(r.stderr, '');
  assert.equal(r.scanned, 1);
});

test('the policy file in the working directory: outputs, exit code, ignores, VEX, warnings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-pol-'));
  copyFileSync(join(fixtures, 'coastguard.yaml'), join(dir, '.coastguard.yaml'));
  mkdirSync(join(dir, 'vex'));
  copyFileSync(join(fixtures, 'vex/krb5.openvex.json'), join(dir, 'vex/krb5.openvex.json'));
  const cwd = process.cwd();
  process.chdir(dir); // the policy's relative `output:` is written where the command runs
  try {
    const r = await runFake([], dir);
    assert.equal(r.code, 3);
    assert.match(r.stdout, /Suppressed: 4 finding\(s\)/);
    assert.equal(
      r.stderr,
      `coastguard: warning: ignore entry for CVE-2026-112314 expired on 2026-01-31: it no longer hides findings: ${join(dir, '.coastguard.yaml')}:17\n`,
    );
    const sarif = JSON.parse(readFileSync(join(dir, 'coastguard.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].properties.target, 'registry.example.org/shop/api');
    // Flags override the file: --exit-code 0 wins, --quiet silences the warning, --format replaces outputs.
    const q = await runFake(['--exit-code', '0', '--quiet', '--format', 'json'], dir);
    assert.equal(q.code, 0);
    assert.equal(q.stderr, '');
    assert.equal(JSON.parse(q.stdout).suppressed.length, 4);
  } finally {
    process.chdir(cwd);
  }
});

test('a malformed policy, VEX or flag stops the run before anything is scanned', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bad-'));
  writeFileSync(join(dir, 'policy.yaml'), 'severity: [HIGH]\nignore:\n  - id: CVE-2026-107364\n');
  const a = await runFake(['--config', join(dir, 'policy.yaml')], dir);
  assert.equal(a.code, ExitCode.CONFIG);
  assert.equal(a.scanned, 0);
  assert.equal(a.stderr, `coastguard: invalid policy file: ignore[0].reason: is required: ${join(dir, 'policy.yaml')}:3\n`);
  assert.equal(a.stdout, '');

  const b = await runFake(['--vex', join(fixtures, 'vex/missing-justification.openvex.json')], dir);
  assert.equal(b.code, ExitCode.CONFIG);
  assert.equal(b.scanned, 0);
  assert.match(b.stderr, /^coastguard: invalid OpenVEX document: statements\[1\]: .*missing-justification\.openvex\.json:8\n$/);

  const c = await runFake(['--format', 'pdf'], dir);
  assert.equal(c.code, ExitCode.USAGE);
  assert.equal(c.scanned, 0);
  assert.equal(c.stderr, 'coastguard: unknown format "pdf" (one of table, json, sarif, cyclonedx, spdx-json, junit, markdown, html): --format\n');

  writeFileSync(join(dir, 'outputs.yaml'), 'outputs:\n  - format: table\n  - format: xlsx\n    output: r.xlsx\n');
  const e = await runFake(['--config', join(dir, 'outputs.yaml')], dir);
  assert.equal(e.code, ExitCode.CONFIG);
  assert.equal(e.scanned, 0);
  assert.equal(e.stderr, `coastguard: invalid policy file: outputs[1].format: unknown format "xlsx" (one of table, json, sarif, cyclonedx, spdx-json, junit, markdown, html): ${join(dir, 'outputs.yaml')}:3\n`);

  const d = await runFake(['--exit-code', 'x'], dir);
  assert.equal(d.code, ExitCode.USAGE);
  assert.equal(d.scanned, 0);
});

test('VEX from the command line removes its finding; clean result exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-vex-'));
  const r = await runFake(['--vex', join(fixtures, 'vex/lodash.cdx-vex.json'), '--severity', 'MEDIUM,HIGH', '-f', 'json', '--exit-code', '1'], dir);
  const j = JSON.parse(r.stdout);
  assert.equal(j.findings.length, 76); // 78 minus LOW DS-0026, minus lodash (not_affected)
  assert.deepEqual(j.suppressed.map((s: { finding: { id: string } }) => s.finding.id), ['GHSA-p6mc-m468-83gw']);
  assert.equal(r.code, 1);
});

test('scanner settings in the policy file fill the flags the command line left out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-set-'));
  writeFileSync(join(dir, '.coastguard.yaml'), 'scanners: [vuln, secret]\nskip-dirs: [node_modules]\ndb: /var/lib/cg.db\nignore-unfixed: true\n');
  const cmd: Command = { name: 'x', summary: '', usage: '', options: { ...scanFlags } };
  const ctx = { ...parseCommandArgs(cmd, ['--db', 'mine.db']), stdout: sink().stream, stderr: sink().stream };
  await loadRunPolicy(ctx, dir);
  assert.equal(ctx.values.scanners, 'vuln,secret');
  assert.deepEqual(ctx.values['skip-dirs'], ['node_modules']);
  assert.equal(ctx.values.db, 'mine.db'); // the flag wins
  assert.equal(ctx.values['ignore-unfixed'], true);
});

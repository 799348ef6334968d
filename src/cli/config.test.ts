import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main, reportError } from './main.js';

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const prev = process.cwd();
  process.chdir(cwd);
  let code: number;
  try {
    code = await main(args, { stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream });
  } catch (e) {
    code = reportError(e, false, stderr);
  } finally {
    process.chdir(prev);
  }
  return { code, out, err };
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-config-'));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM node:20.11\nUSER node\nHEALTHCHECK CMD true\nCMD ["node", "x.js"]\nADD https://example.com/a.tgz /a\n');
  mkdirSync(join(dir, 'k8s'));
  writeFileSync(join(dir, 'k8s', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: n }\nspec:\n  hostNetwork: true\n  containers: [{ name: c, image: "a:1" }]\n---\nkind: [broken\n');
  return dir;
}

test('coastguard config: native JSON, exact ids, warnings for malformed files, --exit-code gate', async () => {
  const dir = project();
  const r = await run(['config', '.', '--format', 'json', '--severity', 'HIGH,CRITICAL'], dir);
  assert.equal(r.code, 0);
  const json = JSON.parse(r.out);
  assert.equal(json.schemaVersion, 1);
  assert.deepEqual(json.packages, []);
  assert.equal(json.artifact.type, 'config');
  assert.deepEqual(json.findings.map((f: { id: string; location: { path: string; line: number } }) => `${f.id} ${f.location.path}:${f.location.line}`).sort(), [
    'CG-K8S-003 k8s/pod.yaml:5',
  ]);
  assert.equal(r.err.match(/coastguard: warning: malformed YAML: .*: k8s\/pod\.yaml:8\n/g)?.length, 1, 'printed once');
  // Gated, the half-parsed manifest is not "clean": exit 3 (input) whatever N is, one line.
  const g = await run(['config', '.', '--format', 'json', '--exit-code', '7', '--severity', 'HIGH,CRITICAL'], dir);
  assert.equal(g.code, 3);
  assert.match(g.err, /^coastguard: gate failed: not checked: malformed YAML: .*: k8s\/pod\.yaml:8\n$/);
});

test('coastguard config: --skip-rules by alias and no findings → exit 0; missing path → exit 3 one line', async () => {
  const dir = project();
  const ok = await run(['config', 'Dockerfile', '--format', 'json', '--skip-rules', 'CG-DF-007,CKV_DOCKER_4', '--severity', 'MEDIUM,HIGH,CRITICAL', '--exit-code', '1'], dir);
  assert.equal(ok.code, 0);
  assert.deepEqual(JSON.parse(ok.out).findings, []);
  const bad = await run(['config', 'nope.yaml'], dir);
  assert.equal(bad.code, 3);
  assert.equal(bad.err, 'coastguard: no such file or directory: nope.yaml\n');
  const usage = await run(['config'], dir);
  assert.equal(usage.code, 2);
});

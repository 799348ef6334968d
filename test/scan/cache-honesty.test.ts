import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { repoRoot, tempDir } from '../helpers.js';
import { ExitCode } from '../../src/core/errors.js';

// The layer cache is keyed by what an image claims (diffID) and by what the analyzers were told
// (their options). Neither may let a scan vouch for bytes or rules it did not use.
const image = join(repoRoot, 'samples', 'debian13-sample.tar');
let work: string;

before(() => {
  work = tempDir('cg-cache-');
});

test('a docker-archive with one byte of its layer flipped does not scan clean after the original was cached', async () => {
  const cache = join(work, 'cache-flip');
  const clean = await runCli(['image', '--input', image, '--cache-dir', cache, '--skip-db', '--scanners', 'secret', '--exit-code', '1', '-q']);
  assert.equal(clean.code, 0, clean.stderr);
  const second = await runCli(['image', '--input', image, '--cache-dir', cache, '--skip-db', '--scanners', 'secret', '--exit-code', '1', '-q']);
  assert.equal(second.code, 0, second.stderr); // the cache serves the untouched image

  // One byte inside var/lib/dpkg/status (tar headers untouched, so the tar still parses).
  const bytes = readFileSync(image);
  const at = bytes.indexOf('Package: ') + 9;
  assert.ok(at > 9);
  bytes[at] ^= 0x01;
  const tampered = join(work, 'tampered.tar');
  writeFileSync(tampered, bytes);
  const r = await runCli(['image', '--input', tampered, '--cache-dir', cache, '--skip-db', '--scanners', 'secret', '--exit-code', '1', '-q']);
  assert.equal(r.code, ExitCode.INPUT, r.stderr);
  const diffID = 'sha256:bc118f44facd874a79ac84138b8a87eb1c75935ebde9c236f52f745d722625c8';
  assert.match(r.stderr, new RegExp(`^coastguard: diffID mismatch: uncompressed layer hashes to sha256:(?!${diffID.slice(7)})[0-9a-f]{64}, config says ${diffID}: layer ${diffID} in ${tampered}\n$`));
});

test('custom secret rules and skip globs are in the layer-cache key: no scan reads another options\' result', async () => {
  const cache = join(work, 'cache-options');
  const rules = join(work, 'trivy-secret.yaml');
  writeFileSync(rules, 'rules:\n  - id: os-codename\n    category: test\n    title: OS codename\n    severity: HIGH\n    regex: VERSION_CODENAME=(?P<secret>[a-z]+)\n    secret-group-name: secret\n');
  const scan = async (...extra: string[]) => {
    const r = await runCli(['image', '--input', image, '--cache-dir', cache, '--skip-db', '--scanners', 'secret', '-f', 'json', ...extra]);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout).findings as { id: string; location: { path: string; line: number } }[]).map((f) => `${f.id} ${f.location.path}:${f.location.line}`);
  };
  assert.deepEqual(await scan(), []); // built-in rules: the sample image holds no secret; cached
  assert.deepEqual(await scan('--secret-config', rules), ['os-codename etc/os-release:5']);
  assert.deepEqual(await scan(), []); // and the custom result does not leak back
  assert.deepEqual(await scan('--secret-config', rules, '--skip-files', 'etc/os-release'), []);
  assert.deepEqual(await scan('--secret-config', rules, '--skip-dirs', '/etc'), []);
  assert.deepEqual(await scan('--secret-config', rules, '--skip-files', 'os-release'), []); // a bare name matches at any depth
  assert.deepEqual(await scan('--secret-config', rules), ['os-codename etc/os-release:5']);
  // A broken rules file is a config error naming it, before any layer is read.
  const missing = await runCli(['image', '--input', image, '--cache-dir', cache, '--skip-db', '--secret-config', join(work, 'nope.yaml')]);
  assert.equal(missing.code, ExitCode.CONFIG);
  assert.equal(missing.stderr, `coastguard: cannot read secret config (ENOENT): ${join(work, 'nope.yaml')}\n`);
});

test('worker threads create their analyzers from the same options (no environment, no module state)', async () => {
  const { openImageInput } = await import('../../src/source/open-input.js');
  const { analyzeLayers } = await import('../../src/source/layer-pool.js');
  const { analyzersFor } = await import('../../src/analyze/registry.js');
  const rules = join(work, 'trivy-secret-worker.yaml');
  writeFileSync(rules, 'rules:\n  - id: os-codename\n    category: test\n    title: OS codename\n    severity: HIGH\n    regex: VERSION_CODENAME=(?P<secret>[a-z]+)\n    secret-group-name: secret\n');
  const { hostPlatform } = await import('../../src/source/platform.js');
  const img = await openImageInput(image, { tmpDir: join(work, 'tmp'), platform: hostPlatform() });
  const analyzerOptions = { secretConfig: rules };
  const [layer] = await analyzeLayers(img.layers, { analyzers: analyzersFor(['secret'], 'image', analyzerOptions), analyzerOptions, workers: 1 });
  assert.deepEqual(layer.analyses.flatMap((a) => (a.result.findings ?? []).map((f) => `${f.id} ${f.location.path}:${f.location.line}`)), ['os-codename etc/os-release:5']);
});

test('trusted registries are given to the rules per scan: the same Dockerfile and manifest, one cache dir, different lists, different findings', async () => {
  const cache = join(work, 'cache-trusted');
  const dir = join(work, 'trusted-src');
  mkdirSync(dir);
  writeFileSync(join(dir, 'Dockerfile'), 'FROM quay.io/acme/base:1.0\nUSER 1000\nHEALTHCHECK CMD true\n');
  writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: ghcr.io/acme/web:1.0\n');
  const untrusted = async (...trusted: string[]) => {
    const r = await runCli(['fs', dir, '--cache-dir', cache, '--skip-db', '--scanners', 'misconfig', '--format', 'json', '-q', ...trusted.flatMap((t) => ['--trusted-registry', t])]);
    assert.equal(r.code, 0, r.stderr);
    const findings = (JSON.parse(r.stdout) as { findings: { id: string; location: { path: string; line?: number } }[] }).findings;
    return findings.filter((f) => f.id === 'CG-DF-065' || f.id === 'CG-K8S-099').map((f) => `${f.id} ${f.location.path}:${f.location.line}`).sort();
  };
  assert.deepEqual(await untrusted(), []); // no list: any registry
  assert.deepEqual(await untrusted('ghcr.io'), ['CG-DF-065 Dockerfile:1']);
  assert.deepEqual(await untrusted('quay.io'), ['CG-K8S-099 pod.yaml:8']);
  assert.deepEqual(await untrusted('docker.io'), ['CG-DF-065 Dockerfile:1', 'CG-K8S-099 pod.yaml:8']);
  assert.deepEqual(await untrusted('ghcr.io'), ['CG-DF-065 Dockerfile:1']); // nothing left over from the scans before
});

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliAs } from '../support/cli.js';
import { resolveRemote } from '../../src/source/registry/pull.js';
import type { ScanResult } from '../../src/core/types.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { fixture, tempDir } from '../helpers.js';

const amd64 = { os: 'linux', architecture: 'amd64' };
let reg: TestRegistry;
let work: string;

before(async () => {
  work = tempDir('cg-base-');
  reg = await startRegistry(join(work, 'registry'));
});
after(async () => reg?.stop());

/** An OCI layout of a real image whose manifest records its base, as BuildKit writes it. */
function layoutWithBase(baseName: string, baseDigest: string): string {
  const dir = join(work, 'app-layout');
  mkdirSync(dir);
  execFileSync('tar', ['xf', fixture('images/dive/test-oci-gzip-image.tar'), '-C', dir]);
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const mDigest: string = index.manifests[0].digest;
  const manifest = JSON.parse(readFileSync(join(dir, 'blobs/sha256', mDigest.slice(7)), 'utf8'));
  manifest.annotations = { 'org.opencontainers.image.base.name': baseName, 'org.opencontainers.image.base.digest': baseDigest };
  const bytes = Buffer.from(JSON.stringify(manifest));
  const digest = 'sha256:' + createHash('sha256').update(bytes).digest('hex');
  writeFileSync(join(dir, 'blobs/sha256', digest.slice(7)), bytes);
  index.manifests = [{ ...index.manifests[0], digest, size: bytes.length, annotations: { 'org.opencontainers.image.ref.name': 'app' } }];
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
  return dir;
}

async function scanJson(args: string[]): Promise<{ code: number; result: ScanResult }> {
  const out = join(work, `r${Math.random().toString(36).slice(2)}.json`);
  const { code } = await runCliAs(reg.user, reg.password, [...args, '--format', 'json', '--output', out, '--cache-dir', join(work, 'cache'), '--scanners', 'misconfig']);
  return { code, result: JSON.parse(readFileSync(out, 'utf8')) };
}

test('--check-base: no finding while the base tag is unchanged, "rebuild needed" once it moves', async () => {
  await reg.push(`oci-archive:${fixture('images/dive/test-oci-zstd-image.tar')}`, 'base/os:1');
  const base = `${reg.host}/base/os:1`;
  const { topDigest } = await resolveRemote(base, { platform: amd64, credentials: { username: reg.user, password: reg.password } });
  await reg.push(`oci:${layoutWithBase(base, topDigest)}:app`, 'team/app:1');

  const same = await scanJson(['image', `${reg.host}/team/app:1`, '--check-base']);
  assert.equal(same.code, 0);
  assert.deepEqual(same.result.findings.filter((f) => f.id === 'CG-BASE-005'), []);

  // The base is rebuilt: its tag now points elsewhere.
  await reg.push(`oci-archive:${fixture('images/dive/test-oci-uncompressed-image.tar')}`, 'base/os:1');
  const moved = await scanJson(['image', `${reg.host}/team/app:1`, '--check-base']);
  const f = moved.result.findings.filter((x) => x.id === 'CG-BASE-005');
  assert.equal(f.length, 1);
  assert.equal(f[0].title, 'Base image has a newer build: rebuild needed');
  assert.equal((f[0].baseImage as { builtFrom: string }).builtFrom, topDigest);
  assert.notEqual((f[0].baseImage as { current: string }).current, topDigest);
});

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoastguardError, ExitCode } from '../../src/core/errors.js';
import { pullImage } from '../../src/source/registry/index.js';
import { openImageInput } from '../../src/source/open-input.js';
import { analyzeLayers } from '../../src/source/layer-pool.js';
import { mergeLayers } from '../../src/scan/merge.js';
import { freePort, startRegistry, type TestRegistry } from '../support/registry.js';
import { testImage } from '../support/test-images.js';
import { tempDir } from '../helpers.js';

const amd64 = { os: 'linux', architecture: 'amd64' };
let reg: TestRegistry;
let work: string;
let imageDir: string;

before(async () => {
  work = tempDir('cg-reg-');
  imageDir = testImage('debian-layers');
  reg = await startRegistry(join(work, 'registry'));
  await reg.push(`oci:${join(imageDir, 'oci-layout')}:debian-layers`, 'team/debian:12');
});
after(async () => reg?.stop());

const creds = () => ({ username: reg.user, password: reg.password });

async function fileView(layers: Parameters<typeof analyzeLayers>[0]) {
  const m = mergeLayers(await analyzeLayers(layers, { analyzers: [], workers: 0 }));
  return [...m.files.entries()].sort();
}

test('scan by reference reads the same image as the tar: same layers, same files', async () => {
  const cacheDir = join(work, 'cache1');
  const remote = await pullImage(`${reg.host}/team/debian:12`, { platform: amd64, cacheDir, credentials: creds() });
  const local = await openImageInput(join(imageDir, 'image.oci.tar'), { platform: amd64 });
  assert.equal(remote.configDigest, local.configDigest);
  assert.deepEqual(remote.layers.map((l) => l.diffID), local.layers.map((l) => l.diffID));
  assert.deepEqual(await fileView(remote.layers), await fileView(local.layers));
  assert.deepEqual(remote.repoTags, [`${reg.host}/team/debian:12`]);

  // Second pull: every blob is already in the cache, nothing is downloaded.
  let bytes = 0;
  const t0 = Date.now();
  await pullImage(`${reg.host}/team/debian:12`, { platform: amd64, cacheDir, credentials: creds(), progress: (m) => { bytes = Number(/downloading ([\d.]+)/.exec(m)?.[1] ?? bytes); } });
  const ms = Date.now() - t0;
  assert.equal(bytes, 0, 'no layer bytes downloaded on the second pull');
  assert.ok(ms < 2000, `cached pull took ${ms} ms`);
});

test('wrong or missing credentials give a clear authentication error', async () => {
  const cacheDir = join(work, 'cache2');
  for (const c of [{ username: reg.user, password: 'wrong' }, undefined]) {
    await assert.rejects(pullImage(`${reg.host}/team/debian:12`, { platform: amd64, cacheDir, credentials: c }), (e: unknown) => {
      assert.ok(e instanceof CoastguardError);
      assert.equal(e.exitCode, ExitCode.AUTH);
      assert.match(e.message, /authentication|requires authentication/);
      return true;
    });
  }
});

test('an unreachable registry is a network error, not a stack trace', async () => {
  const closed = await freePort(); // free a moment ago, nobody listens
  await assert.rejects(pullImage(`127.0.0.1:${closed}/none/x:1`, { platform: amd64, cacheDir: join(work, 'cache3') }), (e: unknown) => {
    assert.ok(e instanceof CoastguardError);
    assert.equal(e.exitCode, ExitCode.NETWORK);
    assert.match(e.message, /registry unreachable \(ECONNREFUSED\)/);
    return true;
  });
});

test('a corrupted blob in the registry is caught by its digest', async () => {
  await reg.push(`oci:${join(imageDir, 'oci-layout')}:debian-layers`, 'team/corrupt:1');
  // Corrupt the smallest layer blob in the registry's storage, in place.
  const local = await openImageInput(join(imageDir, 'image.oci.tar'), { platform: amd64 });
  const smallest = [...local.layers].sort((a, b) => (a.ref.end! - a.ref.start!) - (b.ref.end! - b.ref.start!))[0];
  const hex = smallest.digest!.slice(7);
  const data = join(reg.storage, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
  const bytes = readFileSync(data);
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;
  writeFileSync(data, bytes);
  await assert.rejects(pullImage(`${reg.host}/team/corrupt:1`, { platform: amd64, cacheDir: join(work, 'cache4'), credentials: creds() }), (e: unknown) => {
    assert.ok(e instanceof CoastguardError);
    assert.equal(e.exitCode, ExitCode.INPUT);
    assert.match(e.message, /digest mismatch: blob hashes to sha256:/);
    return true;
  });
  // The bad blob is neither stored nor left half-written (other layers may still be resumable).
  const blobs = readdirSync(join(work, 'cache4', 'blobs', 'sha256'));
  assert.ok(!blobs.includes(hex) && !blobs.includes(`${hex}.partial`));
});

test('a multi-platform index in the registry: --platform picks the manifest, the index digest stays the reference', async () => {
  // An OCI layout whose index holds two platforms (real image blobs for each), pushed with --all.
  const { execFileSync } = await import('node:child_process');
  const { cpSync, mkdirSync, readFileSync, writeFileSync } = await import('node:fs');
  const { createHash } = await import('node:crypto');
  const { fixture } = await import('../helpers.js');
  const layout = join(work, 'multi');
  mkdirSync(layout);
  execFileSync('tar', ['xf', fixture('images/dive/test-oci-gzip-image.tar'), '-C', layout]);
  const z = join(work, 'multi-z');
  mkdirSync(z);
  execFileSync('tar', ['xf', fixture('images/dive/test-oci-zstd-image.tar'), '-C', z]);
  cpSync(join(z, 'blobs'), join(layout, 'blobs'), { recursive: true });
  const a = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')).manifests[0];
  const b = JSON.parse(readFileSync(join(z, 'index.json'), 'utf8')).manifests[0];
  const index = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { mediaType: a.mediaType, digest: a.digest, size: a.size, platform: { os: 'linux', architecture: 'amd64' } },
      { mediaType: b.mediaType, digest: b.digest, size: b.size, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    ],
  }));
  const indexDigest = 'sha256:' + createHash('sha256').update(index).digest('hex');
  writeFileSync(join(layout, 'blobs/sha256', indexDigest.slice(7)), index);
  writeFileSync(join(layout, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: indexDigest, size: index.length, annotations: { 'org.opencontainers.image.ref.name': 'multi' } }] }));
  await reg.push(`oci:${layout}:multi`, 'team/multi:1', ['--all']);

  const cacheDir = join(work, 'cache-multi');
  const amd = await pullImage(`${reg.host}/team/multi:1`, { platform: amd64, cacheDir, credentials: creds() });
  const arm = await pullImage(`${reg.host}/team/multi:1`, { platform: { os: 'linux', architecture: 'arm64' }, cacheDir, credentials: creds() });
  assert.equal(amd.manifestDigest, a.digest);
  assert.equal(arm.manifestDigest, b.digest);
  assert.deepEqual(amd.repoDigests, [`${reg.host}/team/multi@${indexDigest}`]);
  await assert.rejects(pullImage(`${reg.host}/team/multi:1`, { platform: { os: 'linux', architecture: 'ppc64le' }, cacheDir, credentials: creds() }), /platform linux\/ppc64le not in image index \(available: linux\/amd64, linux\/arm64\/v8\)/);
});

test('credentials from $DOCKER_CONFIG: auths entries and a docker-credential helper', async () => {
  const { mkdirSync, writeFileSync, chmodSync } = await import('node:fs');
  const cfgDir = join(work, 'docker-config');
  const binDir = join(work, 'bin');
  mkdirSync(cfgDir, { recursive: true });
  mkdirSync(binDir, { recursive: true });
  const saved = { DOCKER_CONFIG: process.env.DOCKER_CONFIG, PATH: process.env.PATH };
  // Its own image: the corrupted-blob test above spoils blobs the Debian image shares.
  const { fixture } = await import('../helpers.js');
  await reg.push(`oci-archive:${fixture('images/dive/test-oci-gzip-image.tar')}`, 'team/cred:1');
  try {
    process.env.DOCKER_CONFIG = cfgDir;
    // 1. auths with base64 user:password, as `docker login` writes it.
    writeFileSync(join(cfgDir, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from(`${reg.user}:${reg.password}`).toString('base64') } } }));
    assert.equal((await pullImage(`${reg.host}/team/cred:1`, { platform: amd64, cacheDir: join(work, 'cache-cfg') })).layers.length, 1);
    // 2. a credential helper named in credHelpers, found on PATH, asked with the server on stdin.
    const helper = join(binDir, 'docker-credential-cgtest');
    writeFileSync(helper, `#!/bin/sh\nread server\n[ "$1" = get ] && [ "$server" = "${reg.host}" ] && printf '{"ServerURL":"%s","Username":"${reg.user}","Secret":"${reg.password}"}' "$server"\n`);
    chmodSync(helper, 0o755);
    process.env.PATH = `${binDir}:${saved.PATH}`;
    writeFileSync(join(cfgDir, 'config.json'), JSON.stringify({ credHelpers: { [reg.host]: 'cgtest' } }));
    assert.equal((await pullImage(`${reg.host}/team/cred:1`, { platform: amd64, cacheDir: join(work, 'cache-cfg') })).layers.length, 1);
    // 3. a helper that is not installed: a clear authentication error.
    writeFileSync(join(cfgDir, 'config.json'), JSON.stringify({ credHelpers: { [reg.host]: 'absent' } }));
    await assert.rejects(pullImage(`${reg.host}/team/cred:1`, { platform: amd64, cacheDir: join(work, 'cache-cfg2') }), /credential helper docker-credential-absent could not run \(ENOENT\)/);
  } finally {
    process.env.DOCKER_CONFIG = saved.DOCKER_CONFIG;
    process.env.PATH = saved.PATH;
    if (saved.DOCKER_CONFIG === undefined) delete process.env.DOCKER_CONFIG;
  }
});

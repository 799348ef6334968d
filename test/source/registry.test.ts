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

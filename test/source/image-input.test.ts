import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, readFileSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CoastguardError, ExitCode } from '../../src/core/errors.js';
import { openImageInput } from '../../src/source/open-input.js';
import { walkLayer } from '../../src/source/layer-walk.js';
import { verifyLayerBytes } from '../../src/source/verify-layer.js';
import { analyzeLayers } from '../../src/source/layer-pool.js';
import { mergeLayers } from '../../src/scan/merge.js';
import { TarStore } from '../../src/source/blob-store.js';
import { fixture, tempDir } from '../helpers.js';

const amd64 = { os: 'linux', architecture: 'amd64' };

async function rejectsInput(p: Promise<unknown>, re: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof CoastguardError, `expected CoastguardError, got ${e}`);
    assert.equal(e.exitCode, ExitCode.INPUT);
    assert.match(e.message, re);
    return true;
  });
}

test('docker-archive: 14 layers, whiteouts seen, every digest verified', async () => {
  const img = await openImageInput(fixture('images/dive/test-docker-image.tar'), { platform: amd64 });
  assert.equal(img.name, 'dive-test:latest');
  assert.equal(img.layers.length, 14);
  const results = await analyzeLayers(img.layers, { analyzers: [], workers: 0 });
  assert.equal(results.reduce((n, r) => n + r.whiteouts.length, 0), 2);
  const merged = mergeLayers(results);
  assert.ok(merged.files.has('somefile.txt') || merged.files.size > 0);
});

test('OCI archives: gzip, zstd, estargz and uncompressed layers detected by magic bytes', async () => {
  const cases: [string, string][] = [
    ['test-oci-gzip-image.tar', 'gzip'],
    ['test-oci-zstd-image.tar', 'zstd'],
    ['test-oci-estargz-image.tar', 'gzip'],
    ['test-oci-uncompressed-image.tar', 'none'],
  ];
  for (const [file, want] of cases) {
    const img = await openImageInput(fixture('images/dive', file), { platform: amd64 });
    const r = await walkLayer(img.layers[0], []);
    assert.equal(r.compression, want, file);
    assert.ok(r.files >= 1, file);
  }
});

test('whiteouts and opaque semantics: deleted files and directories vanish from the merged view', async () => {
  const wi = await openImageInput(fixture('images/go-containerregistry/whiteout_image.tar'), { platform: amd64 });
  const m1 = mergeLayers(await analyzeLayers(wi.layers, { analyzers: [], workers: 0 }));
  assert.deepEqual([...m1.files.keys()].sort(), ['bar.txt']);
  const wd = await openImageInput(fixture('images/go-containerregistry/whiteout_dir.tar'), { platform: amd64 });
  const m2 = mergeLayers(await analyzeLayers(wd.layers, { analyzers: [], workers: 0 }));
  // a/ deleted in layer 3 (with a/foo), recreated in layer 4 with only a/baz
  assert.deepEqual([...m2.files.keys()].sort(), ['a/baz', 'b/bar']);
  const ow = await openImageInput(fixture('images/go-containerregistry/overwritten_file.tar'), { platform: amd64 });
  const m3 = mergeLayers(await analyzeLayers(ow.layers, { analyzers: [], workers: 0 }));
  assert.deepEqual([...m3.files.entries()].sort(), [['bar.txt', 1], ['foo.txt', 1]]);
});

test('several images in one archive: --image picks one, no choice lists the tags', async () => {
  const f = fixture('images/go-containerregistry/test_bundle.tar');
  await rejectsInput(openImageInput(f, { platform: amd64 }), /holds 2 images; pick one with --image \(test_image_2, test_image_1\)/);
  const img = await openImageInput(f, { platform: amd64, image: 'test_image_1' });
  assert.equal(img.name, 'test_image_1');
  await rejectsInput(openImageInput(f, { platform: amd64, image: 'nope:1' }), /image "nope:1" not in archive \(it has: test_image_2, test_image_1\)/);
});

test('bad input: truncated tar, not a tar, not an image, missing blob, wrong digest', async () => {
  const dir = tempDir();
  const trunc = join(dir, 'trunc.tar');
  copyFileSync(fixture('images/dive/test-docker-image.tar'), trunc);
  truncateSync(trunc, 700_000);
  await rejectsInput(openImageInput(trunc, { platform: amd64 }), /truncated tar/);

  const junk = join(dir, 'junk.tar');
  writeFileSync(junk, Buffer.alloc(4096, 7));
  await rejectsInput(openImageInput(junk, { platform: amd64 }), /not a tar archive/);

  await rejectsInput(openImageInput(fixture('images/dive/test-gzip-image.tar'), { platform: amd64 }), /neither manifest.json .* nor index.json/);
  await rejectsInput(openImageInput(join(dir, 'absent.tar'), { platform: amd64 }), /no such file/);

  // An OCI layout with one layer blob altered: the walk must refuse it.
  const layout = join(dir, 'layout');
  const store = await TarStore.open(fixture('images/dive/test-oci-gzip-image.tar'));
  mkdirSync(layout);
  const { execFileSync } = await import('node:child_process');
  execFileSync('tar', ['xf', fixture('images/dive/test-oci-gzip-image.tar'), '-C', layout]);
  void store;
  const img = await openImageInput(layout, { platform: amd64 });
  const blob = join(layout, 'blobs/sha256', img.layers[0].digest!.slice(7));
  const bytes = readFileSync(blob);
  bytes[bytes.length - 30] ^= 0xff;
  writeFileSync(blob, bytes);
  const img2 = await openImageInput(layout, { platform: amd64 });
  await rejectsInput(walkLayer(img2.layers[0], []), /digest mismatch|truncated or corrupt|cannot read layer/);

  // Missing config blob.
  const layout2 = join(dir, 'layout2');
  cpSync(layout, layout2, { recursive: true });
  const { rmSync } = await import('node:fs');
  rmSync(join(layout2, 'blobs/sha256', img.configDigest.slice(7)));
  await rejectsInput(openImageInput(layout2, { platform: amd64 }), /missing blob blobs\/sha256\//);
});

test('multi-platform index: --platform picks the manifest, an absent one lists what exists', async () => {
  const dir = tempDir();
  const layout = join(dir, 'multi');
  const { execFileSync } = await import('node:child_process');
  mkdirSync(layout);
  execFileSync('tar', ['xf', fixture('images/dive/test-oci-gzip-image.tar'), '-C', layout]);
  const top = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
  const amdManifest = top.manifests[0];
  // Second platform: the zstd image's blobs, copied in.
  const z = join(dir, 'z');
  mkdirSync(z);
  execFileSync('tar', ['xf', fixture('images/dive/test-oci-zstd-image.tar'), '-C', z]);
  cpSync(join(z, 'blobs'), join(layout, 'blobs'), { recursive: true });
  const armManifest = JSON.parse(readFileSync(join(z, 'index.json'), 'utf8')).manifests[0];
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { mediaType: amdManifest.mediaType, digest: amdManifest.digest, size: amdManifest.size, platform: { os: 'linux', architecture: 'amd64' } },
      { mediaType: armManifest.mediaType, digest: armManifest.digest, size: armManifest.size, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    ],
  };
  const indexBytes = Buffer.from(JSON.stringify(index));
  const indexDigest = 'sha256:' + createHash('sha256').update(indexBytes).digest('hex');
  writeFileSync(join(layout, 'blobs/sha256', indexDigest.slice(7)), indexBytes);
  writeFileSync(join(layout, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: index.mediaType, digest: indexDigest, size: indexBytes.length }] }));

  const a = await openImageInput(layout, { platform: amd64 });
  assert.equal(a.manifestDigest, amdManifest.digest);
  const b = await openImageInput(layout, { platform: { os: 'linux', architecture: 'arm64' } });
  assert.equal(b.manifestDigest, armManifest.digest);
  assert.equal((await walkLayer(b.layers[0], [])).compression, 'zstd');
  await rejectsInput(openImageInput(layout, { platform: { os: 'linux', architecture: 's390x' } }), /platform linux\/s390x not in image index \(available: linux\/amd64, linux\/arm64\/v8\)/);
  assert.ok(statSync(layout).isDirectory());
});

test('a gzip-compressed docker save archive is unpacked once to a temp file and read like any other', async () => {
  const img = await openImageInput(fixture('images/trivy/alpine-310.tar.gz'), { platform: amd64, tmpDir: tempDir() });
  assert.equal(img.name, 'alpine:3.10');
  assert.equal(img.layers.length, 1);
  const r = await walkLayer(img.layers[0], []);
  assert.ok(r.paths.includes('lib/apk/db/installed'));
  assert.ok(r.paths.includes('etc/alpine-release'));
  // Errors about a layer name the archive the user gave, not its decompressed temp copy.
  const lying = { ...img.layers[0], diffID: `sha256:${'0'.repeat(64)}` };
  for (const run of [() => walkLayer(lying, []), () => verifyLayerBytes(lying)]) {
    await assert.rejects(run(), (e: CoastguardError) => {
      assert.match(e.message, /^diffID mismatch: /);
      assert.equal(e.where, `layer sha256:${'0'.repeat(64)} in ${fixture('images/trivy/alpine-310.tar.gz')}`);
      return true;
    });
  }
});

test('hard links: a linked file is analysed under its own path with its target body', async () => {
  const { default: tar } = await import('tar-stream');
  const { createHash } = await import('node:crypto');
  const { npmAnalyzers } = await import('../../src/analyze/npm/index.js');
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const ended = new Promise<void>((r) => pack.on('end', () => r()));
  const body = Buffer.from(JSON.stringify({ name: 'left-pad', version: '1.3.0' }));
  pack.entry({ name: 'app/node_modules/left-pad/package.json', size: body.length }, body);
  pack.entry({ name: 'srv/node_modules/left-pad/package.json', type: 'link', linkname: 'app/node_modules/left-pad/package.json' });
  pack.finalize();
  await ended;
  const layerTar = Buffer.concat(chunks);
  const file = join(tempDir(), 'layer.tar');
  writeFileSync(file, layerTar);
  const diffID = 'sha256:' + createHash('sha256').update(layerTar).digest('hex');
  const r = await walkLayer({ diffID, ref: { path: file, start: 0, end: layerTar.length } }, npmAnalyzers);
  const found = r.analyses.flatMap((a) => (a.result.packages ?? []).map((p) => `${p.name}@${p.version} ${a.path}`)).sort();
  assert.deepEqual(found, ['left-pad@1.3.0 app/node_modules/left-pad/package.json', 'left-pad@1.3.0 srv/node_modules/left-pad/package.json']);
});

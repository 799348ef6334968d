import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import type { ScanResult } from '../../src/core/types.js';
import { testImage } from '../support/test-images.js';
import { tempDir } from '../helpers.js';

// A real Debian 12 image built by scripts/build-test-images.sh: debootstrap minbase, then a layer
// that installs packages, one that purges one (whiteouts in the dpkg DB), one that deletes a file.
let dir: string;
let work: string;
let expected: Map<string, { version: string; arch: string; source: string; sourceVersion: string }>;
let expectedLayer: Map<string, number>;

before(() => {
  dir = testImage('debian-layers');
  work = tempDir('cg-deb-');
  expected = new Map(
    readFileSync(join(dir, 'expected-dpkg.tsv'), 'utf8').trim().split('\n').map((l) => {
      const [name, version, arch, source, sourceVersion] = l.split('\t');
      return [name, { version, arch, source, sourceVersion }];
    }),
  );
  expectedLayer = new Map(readFileSync(join(dir, 'layer-dpkg.tsv'), 'utf8').trim().split('\n').map((l) => {
    const [name, , idx] = l.split('\t');
    return [name, Number(idx)];
  }));
});

async function scan(args: string[], cache = join(work, 'cache')): Promise<{ code: number; result: ScanResult; stderr: string }> {
  const out = join(work, `out-${Math.random().toString(36).slice(2)}.json`);
  const { code, stderr } = await runCli([...args, '--format', 'json', '--output', out, '--cache-dir', cache, '--scanners', 'misconfig', '--quiet']);
  return { code, result: code === 0 ? (JSON.parse(readFileSync(out, 'utf8')) as ScanResult) : ({} as ScanResult), stderr };
}

function assertDpkgExact(result: ScanResult, form: string) {
  const got = new Map(result.packages.filter((p) => p.ecosystem === 'Debian').map((p) => [p.name, p]));
  assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort(), `${form}: package names`);
  for (const [name, e] of expected) {
    const p = got.get(name)!;
    assert.equal(p.version, e.version, `${form}: ${name} version`);
    assert.equal(p.arch, e.arch, `${form}: ${name} arch`);
    assert.deepEqual(p.source, { name: e.source, version: e.sourceVersion }, `${form}: ${name} source`);
    assert.ok(p.purl.startsWith(`pkg:deb/debian/${encodeURIComponent(name)}@`), p.purl);
  }
  assert.equal(result.artifact.os?.family, 'debian');
  assert.match(result.artifact.os?.version ?? '', /^12\.\d+$/);
  assert.equal(result.artifact.os?.codename, 'bookworm');
}

for (const form of ['image.docker.tar', 'image.oci.tar', 'oci-layout']) {
  test(`dpkg packages equal dpkg-query inside the image, with their layer: ${form}`, async () => {
    const { code, result, stderr } = await scan(['image', '--input', join(dir, form)], join(work, 'cache-' + form)); // a cache per form: each form is really read
    assert.equal(code, 0, stderr);
    assertDpkgExact(result, form);
    const layers = result.artifact.image!.layers.map((l) => l.diffID);
    assert.equal(layers.length, 4);
    for (const p of result.packages) {
      assert.equal(layers.indexOf(p.locations[0].layer!), expectedLayer.get(p.name), `${form}: layer of ${p.name}`);
    }
    // Files come from dpkg's own lists.
    assert.ok(result.packages.find((p) => p.name === 'dpkg')!.files!.includes('usr/bin/dpkg'), `${form}: dpkg files`);
    // netbase was installed in layer 2 and purged in layer 3: gone.
    assert.ok(!result.packages.some((p) => p.name === 'netbase'));
  });
}

test('the same root filesystem scanned with `coastguard fs` gives the same packages', async () => {
  const bundle = join(work, 'bundle');
  execFileSync('umoci', ['unpack', '--image', `${join(dir, 'oci-layout')}:debian-layers`, bundle], { stdio: 'ignore' });
  const { code, result, stderr } = await scan(['fs', join(bundle, 'rootfs')]);
  assert.equal(code, 0, stderr);
  assertDpkgExact(result, 'rootfs');
  assert.equal(result.artifact.type, 'filesystem');
});

test('a second scan reads layers from the analysis cache and gives the same result', async () => {
  const cache = join(work, 'fresh-cache');
  const a = await scan(['image', '--input', join(dir, 'image.oci.tar')], cache);
  // Layer results are written only on a miss: the rescan must leave the cache as it found it.
  const entries = () => readdirSync(join(cache, 'analysis'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${join(e.parentPath ?? e.path, e.name)} ${statSync(join(e.parentPath ?? e.path, e.name)).mtimeMs}`)
    .sort();
  const cached = entries();
  assert.ok(cached.length > 0, 'the first scan wrote layer results');
  const b = await scan(['image', '--input', join(dir, 'image.oci.tar')], cache);
  assert.deepEqual(b.result.packages, a.result.packages);
  assert.deepEqual(entries(), cached);
});

test('dpkg file lists: files map to the package that installed them, purged packages own nothing', async () => {
  const { openImageInput } = await import('../../src/source/open-input.js');
  const { analyzeLayers } = await import('../../src/source/layer-pool.js');
  const { mergeLayers } = await import('../../src/scan/merge.js');
  const { dpkgFileListAnalyzer } = await import('../../src/analyze/dpkg/index.js');
  const { markOwnedFiles } = await import('../../src/scan/ownership.js');
  const img = await openImageInput(join(dir, 'image.oci.tar'), { platform: { os: 'linux', architecture: 'amd64' } });
  const m = mergeLayers(await analyzeLayers(img.layers, { analyzers: [dpkgFileListAnalyzer], workers: 0 }));
  assert.equal(m.owners.get('usr/bin/dpkg'), 'dpkg');
  assert.equal(m.owners.get('usr/include/zlib.h'), 'zlib1g-dev'); // installed in layer 2
  assert.equal(m.owners.get('etc/protocols'), undefined); // netbase, purged in layer 3
  const lang = { name: 'x', version: '1', ecosystem: 'Maven', purl: 'pkg:maven/x/x@1', licenses: [], locations: [{ path: 'usr/bin/dpkg!META-INF/x' }] };
  assert.equal(markOwnedFiles([lang], m.owners)[0].ownedBy, 'dpkg');
});

test('a secret written in one layer and deleted in the next is still reported, with its layer', async () => {
  const out = join(work, 'secrets.json');
  const { code, stderr } = await runCli(['image', '--input', join(dir, 'image.oci.tar'), '--scanners', 'secret', '--format', 'json', '--output', out, '--cache-dir', join(work, 'cache-secrets')]);
  assert.equal(code, 0, stderr);
  const r = JSON.parse(readFileSync(out, 'utf8')) as ScanResult;
  const aws = r.findings.filter((f) => f.location.path === 'root/.aws-credentials-old');
  assert.equal(aws.length, 1);
  assert.equal(aws[0].id, 'aws-secret-access-key');
  assert.equal(aws[0].removedInLaterLayer, true);
  assert.match(aws[0].title, /\(removed in a later layer\)$/);
  assert.equal(r.artifact.image!.layers.findIndex((l) => l.diffID === aws[0].location.layer), 2);
  assert.equal(aws[0].location.line, 1);
  assert.ok(!JSON.stringify(r).includes('wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9hWq4QzH'), 'the secret is redacted everywhere');
});

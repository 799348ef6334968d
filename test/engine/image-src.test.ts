import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import type { ScanResult } from '../../src/core/types.js';
import { tempDir } from '../helpers.js';
import { runCli } from '../support/cli.js';
import { loadDebianImage, startPodman, type TestPodman } from '../support/podman.js';
import { testImage } from '../support/test-images.js';

// The project's Debian test image loaded into a real Podman, scanned through the engine API
// (GET /images/{name}/get streamed into the layer walk) and, for comparison, from its docker save tar.
let podman: TestPodman;
const work = tempDir('cg-imgsrc-');

before(async () => {
  podman = await startPodman();
  loadDebianImage(podman);
});
after(() => podman?.stop());

async function scan(args: string[]): Promise<ScanResult> {
  const out = join(work, `out-${Math.random().toString(36).slice(2)}.json`);
  const r = await runCli([...args, '--scanners', 'misconfig', '--format', 'json', '--output', out, '--no-cache', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(readFileSync(out, 'utf8')) as ScanResult;
}

test('image NAME --image-src podman lists exactly dpkg\'s packages, with the same result as the docker save tar', async () => {
  const fromEngine = await scan(['image', 'coastguard-test/debian-layers', '--image-src', 'podman', '--podman-host', podman.host]);
  const expected = readFileSync(join(testImage('debian-layers'), 'expected-dpkg.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t').slice(0, 2).join(' ')).sort();
  const got = fromEngine.packages.filter((p) => p.ecosystem === 'Debian').map((p) => `${p.name} ${p.version}`).sort();
  assert.deepEqual(got, expected);
  assert.equal(fromEngine.packages.length, 106);

  const fromTar = await scan(['image', '--input', join(testImage('debian-layers'), 'image.docker.tar')]);
  const pkgs = (r: ScanResult) => r.packages.map((p) => JSON.stringify([p.name, p.version, p.ecosystem, p.locations])).sort();
  assert.deepEqual(pkgs(fromEngine), pkgs(fromTar));
  const findings = (r: ScanResult) => r.findings.map((f) => `${f.kind} ${f.id} ${f.location.path} ${f.location.layer ?? ''}`).sort();
  assert.deepEqual(findings(fromEngine), findings(fromTar));
  assert.equal(fromEngine.artifact.digest, fromTar.artifact.digest);
  assert.deepEqual(fromEngine.artifact.image?.layers.map((l) => l.diffID), fromTar.artifact.image?.layers.map((l) => l.diffID));
});

test('an image the engine does not hold: exit 3, one line naming it', async () => {
  const r = await runCli(['image', 'coastguard-test/absent:1', '--image-src', 'podman', '--podman-host', podman.host, '--quiet']);
  assert.equal(r.code, 3);
  assert.equal(r.stderr, `coastguard: image not found in the podman engine: coastguard-test/absent:1 (podman ${podman.host})\n`);
});

test('no engine at the socket: exit 6, one line; both engines named when both were asked', async () => {
  const sock = `unix://${join(work, 'none.sock')}`;
  let r = await runCli(['image', 'x:1', '--image-src', 'podman', '--podman-host', sock]);
  assert.equal(r.code, 6);
  assert.equal(r.stderr, `coastguard: podman engine unreachable (no socket): ${sock}\n`);
  r = await runCli(['image', 'coastguard-test/absent:1', '--image-src', 'docker,podman', '--docker-host', sock, '--podman-host', podman.host]);
  assert.equal(r.code, 3);
  assert.equal(r.stderr.split('\n').length, 2);
  assert.match(r.stderr, /^coastguard: docker engine unreachable \(no socket\) at unix:\/\/.*; image not found in the podman engine at /);
});

test('--image-src rejects sources it does not know', async () => {
  const r = await runCli(['image', 'x:1', '--image-src', 'containerd']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /containerd is not supported/);
});

test('an image stream cut half-way (the engine goes away): exit 6, one line saying so', async () => {
  // A unix-socket relay to the real Podman that hangs up after 30 MB of any answer.
  const relay = join(work, 'relay.sock');
  const server = createServer((client) => {
    const upstream = connect(podman.socket);
    let bytes = 0;
    client.pipe(upstream);
    upstream.on('data', (c: Buffer) => {
      bytes += c.length;
      if (bytes > 30 * 1024 * 1024) {
        upstream.destroy();
        client.destroy();
      } else client.write(c);
    });
    upstream.on('end', () => client.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(relay, r));
  try {
    const r = await runCli(['image', 'coastguard-test/debian-layers', '--image-src', 'podman', '--podman-host', `unix://${relay}`, '--scanners', 'misconfig', '--no-cache', '--quiet']);
    assert.equal(r.code, 6, r.stderr);
    assert.match(r.stderr, /^coastguard: image stream from the podman engine was cut \(.+\): coastguard-test\/debian-layers \(podman unix:\/\/.*relay\.sock\)\n$/);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

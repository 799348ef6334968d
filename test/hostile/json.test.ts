import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, spawnCli } from '../support/cli.js';
import { tempDir } from '../helpers.js';
import { dockerArchive, ociLayout, sha256, tar } from './craft.js';
import { assertOneLineError } from './expect.js';

// Every JSON document from outside is checked against a schema before use; what must be read
// whole has a cap; special files are refused. Before: internal errors (exit 70) and hangs.
const dir = tempDir('cg-hostile-json-');
const layer = tar([{ name: 'etc/hostname', body: 'box\n' }]);
const image = (input: string) => ['image', '--input', input, '--format', 'cyclonedx', '--no-cache', '--quiet'];

test('image JSON of the wrong shape: exit 3 naming the document and the field', async () => {
  const cases: [string, string, RegExp][] = [
    ['manifest.json Layers is a string', dockerArchive(dir, { layers: [layer], manifest: [{ Config: 'c.json', Layers: 'l0/layer.tar' }] }, 'layers-string.tar'), /^coastguard: manifest.json is not a valid document: field \[0\]\.Layers: .*expected array.*: .*layers-string\.tar$/],
    ['manifest.json is an object', dockerArchive(dir, { layers: [layer], manifest: { Config: 'c.json' } }, 'manifest-object.tar'), /^coastguard: manifest.json is not a valid document: field \(top level\): .*expected array/],
    ['config rootfs is null', dockerArchive(dir, { layers: [layer], config: { architecture: 'amd64', os: 'linux', rootfs: null } }, 'rootfs-null.tar'), /^coastguard: config [a-f0-9]{64}\.json is not a valid document: field rootfs: is required \(an object with diff_ids\): /],
    ['diff_ids hold a number', dockerArchive(dir, { layers: [layer], diffIDs: [42] }, 'diffid-number.tar'), /field rootfs\.diff_ids\[0\]: .*expected string/],
    ['index manifests is an object', ociLayout(join(dir, 'index-object'), { index: (m) => ({ schemaVersion: 2, manifests: { digest: m } }) }), /^coastguard: index.json is not a valid document: field manifests: .*expected array.*: .*index-object$/],
    ['manifest layers missing', ociLayout(join(dir, 'no-layers'), { manifest: (c) => ({ schemaVersion: 2, config: { digest: c } }) }), /^coastguard: manifest sha256:[a-f0-9]{64} is not a valid document: field layers: /],
    ['descriptor digest not sha256', ociLayout(join(dir, 'bad-digest'), { manifest: (c) => ({ schemaVersion: 2, config: { digest: c }, layers: [{ digest: 'md5:abc' }] }) }), /field layers\[0\]\.digest: must be a sha256 digest/],
    ['schema 1 manifest', ociLayout(join(dir, 'schema1'), { manifest: () => ({ schemaVersion: 1, name: 'library/x', tag: 'latest', fsLayers: [{ blobSum: 'sha256:' + '0'.repeat(64) }] }) }), /^coastguard: manifest sha256:[a-f0-9]{64} is a Docker schema 1 manifest, which is not supported/],
  ];
  for (const [label, input, re] of cases) assertOneLineError(await runCli(image(input)), 3, re, label);
});

test('documents read whole have a cap; the message says which file went over', async () => {
  // A docker archive unpacked into a directory, its manifest.json padded past 16 MiB.
  const big = join(dir, 'big-manifest');
  mkdirSync(big);
  writeFileSync(join(big, 'manifest.json'), '[' + ' '.repeat(17 * 1024 * 1024) + ']');
  assertOneLineError(await runCli(image(big)), 3, /^coastguard: manifest.json is 17825794 bytes, over the 16 MiB limit: .*big-manifest$/, 'manifest.json over the cap');
  // A dpkg status over 128 MiB (sparse, nothing is read): skipped with a warning naming it.
  const root = join(dir, 'rootfs');
  mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
  writeFileSync(join(root, 'var/lib/dpkg/status'), '');
  truncateSync(join(root, 'var/lib/dpkg/status'), 200 * 1024 * 1024);
  const r = await runCli(['fs', root, '--format', 'cyclonedx']);
  assert.match(r.stderr, /^coastguard: warning: file not analysed: 209715200 bytes is over the 128 MiB limit for one package database: var\/lib\/dpkg\/status$/m);
});

test('a FIFO or a device where a file is expected is refused, not waited on', async () => {
  const fifo = join(dir, 'input.fifo');
  execFileSync('mkfifo', [fifo]);
  // The config blob of a valid layout replaced by a FIFO, or by a link to /dev/zero.
  const withSpecial = (name: string, make: (p: string) => void) => {
    const config = { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(layer)] } };
    const l = ociLayout(join(dir, name), { layers: [layer], config });
    const p = join(l, 'blobs', 'sha256', sha256(Buffer.from(JSON.stringify(config))).slice(7));
    rmSync(p);
    make(p);
    return l;
  };
  const results = await Promise.all([
    spawnCli(image(fifo), { timeoutMs: 30_000 }),
    spawnCli(image(withSpecial('fifo-blob', (p) => execFileSync('mkfifo', [p]))), { timeoutMs: 30_000 }),
    spawnCli(image(withSpecial('zero-blob', (p) => symlinkSync('/dev/zero', p))), { timeoutMs: 30_000 }),
  ]);
  assertOneLineError(results[0], 3, /^coastguard: not an image: a FIFO, not a file or directory: .*input\.fifo$/, 'FIFO input');
  assertOneLineError(results[1], 3, /^coastguard: blob blobs\/sha256\/[a-f0-9]{64} is not a regular file \(a FIFO\): /, 'FIFO config blob');
  assertOneLineError(results[2], 3, /^coastguard: blob blobs\/sha256\/[a-f0-9]{64} is not a regular file \(a character device\): /, '/dev/zero config blob');
});

test('SBOM input: truncated, wrong shape, deeply nested', async () => {
  const write = (name: string, body: string) => {
    writeFileSync(join(dir, name), body);
    return join(dir, name);
  };
  const full = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' }] });
  const sbom = (p: string) => ['sbom', p, '--format', 'json', '--db', join(dir, 'none.db'), '--quiet'];
  assertOneLineError(await runCli(sbom(write('trunc.json', full.slice(0, 60)))), 3, /^coastguard: SBOM is not valid JSON \(.*\): .*trunc\.json$/, 'truncated');
  assertOneLineError(await runCli(sbom(write('comp-string.json', JSON.stringify({ bomFormat: 'CycloneDX', components: 'x' })))), 3, /^coastguard: SBOM is not valid: field components: .*expected array/, 'components a string');
  assertOneLineError(await runCli(sbom(write('purl-number.json', JSON.stringify({ bomFormat: 'CycloneDX', components: [{ name: 'a', components: [{ purl: 7 }] }] })))), 3, /field components\[0\]\.components\[0\]\.purl: .*expected string/, 'purl a number');
  assertOneLineError(await runCli(sbom(write('spdx-packages.json', JSON.stringify({ spdxVersion: 'SPDX-2.3', packages: { a: 1 } })))), 3, /field packages: .*expected array/, 'SPDX packages an object');
  // 100,000 levels of nesting: no stack overflow (JSON.parse itself copes; the walk must too).
  const deep = '{"bomFormat":"CycloneDX","components":' + '[{"name":"n","components":'.repeat(5000) + '[]' + '}]'.repeat(5000) + '}';
  const r = await runCli(sbom(write('deep.json', deep)));
  assert.notEqual(r.code, 70, r.stderr);
  assert.doesNotMatch(r.stderr, /internal error|Maximum call stack/);
});

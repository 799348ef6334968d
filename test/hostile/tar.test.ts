import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Analyzer } from '../../src/analyze/types.js';
import { analyzeLayers } from '../../src/source/layer-pool.js';
import { openImageInput } from '../../src/source/open-input.js';
import { runCli, spawnCli } from '../support/cli.js';
import { repoRoot, tempDir } from '../helpers.js';
import { assertOneLineError } from './expect.js';
import { dockerArchive, header, padBlock, paxRecords, sha256, tar } from './craft.js';

// Crafted tars, inside a layer and as the archive itself: every one must end with exit 3 and one
// line naming what is wrong (before: native aborts, endless loops, internal errors).
const dir = tempDir('cg-hostile-tar-');
const GiB3 = 3 * 2 ** 30;
const file = { name: 'etc/x', body: 'x\n' };
const base256 = (() => {
  const b = Buffer.alloc(12);
  b[0] = 0x80;
  b[3] = 0x40; // 2^70
  return b;
})();
const some = Buffer.alloc(4096, 0x41);

const args = (input: string) => ['image', '--input', input, '--format', 'cyclonedx', '--no-cache', '--quiet'];
// A child process where a crash or hang was the bug; in this process where only the answer matters.
const scan = (input: string) => spawnCli(args(input), { timeoutMs: 60_000 });
const scanHere = async (input: string) => ({ signal: null, ...(await runCli(args(input))) });

test('layer tars with lying headers: exit 3, one line, no crash or hang', async () => {
  const layers: [string, Buffer, RegExp][] = [
    ['PAX header claiming 3 GiB', Buffer.concat([header({ name: 'PaxHeader', type: 'x', size: GiB3 }), some]), /corrupt tar: PAX header of 3221225472 bytes \(limit 1048576\) at byte 0\)/],
    ['GNU long name claiming 3 GiB', Buffer.concat([header({ name: '././@LongLink', type: 'L', size: GiB3 }), some]), /GNU long name header of 3221225472 bytes/],
    ['negative PAX size', Buffer.concat([header({ name: 'PaxHeader', type: 'x', size: paxRecords({ size: '-1' }).length }), padBlock(paxRecords({ size: '-1' })), tar([file])]), /invalid PAX size "-1"/],
    ['base-256 size of 2^70', Buffer.concat([header({ name: 'etc/big', sizeField: base256 }), some]), /corrupt tar header at byte 0 \(invalid size field\)/],
    ['ends inside a body', tar([{ name: 'etc/big', body: Buffer.alloc(2000, 1) }]).subarray(0, 512 + 1000), /unexpected end of data inside the body of etc\/big \(1000 bytes missing\)/],
    ['ends inside a header', tar([file, file]).subarray(0, 1024 + 100), /unexpected end of data inside a tar header at byte 1024/],
    ['garbage header', Buffer.concat([tar([file], { end: false }), Buffer.alloc(512, 0x37)]), /corrupt tar header at byte 1024 \(bad header checksum\)/],
  ];
  const results = await Promise.all(layers.map(([label, layer], i) => scan(dockerArchive(dir, { layers: [layer] }, `layer-${i}.tar`)).then((r) => [label, r] as const)));
  for (const [[, , re], [label, r]] of layers.map((l, i) => [l, results[i]] as const)) {
    assertOneLineError(r, 3, new RegExp(`^coastguard: truncated or corrupt layer \\(.*${re.source}.*: layer sha256:[a-f0-9]{64} in .*layer-\\d\\.tar$`), label);
  }
});

test('the archive itself with lying headers: exit 3, one line, no native abort', async () => {
  const archives: [string, Buffer, RegExp][] = [
    ['PAX header claiming 3 GiB', Buffer.concat([header({ name: 'PaxHeader', type: 'x', size: GiB3 }), some]), /^coastguard: corrupt tar: PAX header of 3221225472 bytes \(limit 1048576\) at byte 0: /],
    ['GNU long name claiming 3 GiB', Buffer.concat([header({ name: '././@LongLink', type: 'L', size: GiB3 }), some]), /^coastguard: corrupt tar: GNU long name header of 3221225472 bytes/],
    ['negative PAX size', Buffer.concat([header({ name: 'PaxHeader', type: 'x', size: paxRecords({ size: '-1' }).length }), padBlock(paxRecords({ size: '-1' })), tar([file])]), /^coastguard: corrupt tar: invalid PAX size "-1" at byte 0: /],
    ['base-256 size of 2^70', Buffer.concat([header({ name: 'manifest.json', sizeField: base256 }), some]), /^coastguard: not a tar archive \(invalid size field\): /],
    ['member larger than the archive', Buffer.concat([header({ name: 'manifest.json', size: 2 ** 32 }), some]), /^coastguard: truncated tar: manifest.json needs 4294967296 bytes at byte 512, archive ends at 4608: /],
  ];
  const results = await Promise.all(archives.map(([, bytes], i) => {
    const p = join(dir, `archive-${i}.tar`);
    writeFileSync(p, bytes);
    return scan(p);
  }));
  archives.forEach(([label, , re], i) => assertOneLineError(results[i], 3, re, label));
});

test('diffIDs that are empty or null fail verification instead of skipping it', async () => {
  const layer = tar([file]);
  const cases: [string, unknown][] = [['empty string', ['']], ['null', [null]]];
  const results = await Promise.all(cases.map(([, ids], i) => scanHere(dockerArchive(dir, { layers: [layer], diffIDs: ids }, `diffid-${i}.tar`))));
  cases.forEach(([label], i) => assertOneLineError(results[i], 3, /diff_ids/, label));
});

test('a tar that ends after the last body (no padding, no end blocks) scans with one warning', async () => {
  const layer = tar([{ name: 'etc/hostname', body: 'box\n' }], { end: false }).subarray(0, 512 + 4);
  const r = await spawnCli(['image', '--input', dockerArchive(dir, { layers: [layer] }, 'unterminated.tar'), '--format', 'cyclonedx', '--no-cache']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^coastguard: warning: layer sha256:[a-f0-9]{64} ends without tar end-of-archive blocks; read up to its last complete entry\n$/);
});

test('paths spelled var/lib//dpkg/status or var/lib/x/../dpkg/status are the dpkg status', async () => {
  const status = readFileSync(join(repoRoot, 'src/analyze/dpkg/testdata/bookworm-minbase/status'));
  const expected = readFileSync(join(repoRoot, 'src/analyze/dpkg/testdata/bookworm-minbase/status.dpkg-query.tsv'), 'utf8').trim().split('\n').length;
  const spellings = ['var/lib/dpkg/status', 'var/lib//dpkg/status', 'var/lib/x/../dpkg/status', './var/./lib/dpkg/status', '/var/lib/dpkg/status'];
  const results = await Promise.all(spellings.map((name, i) => scanHere(dockerArchive(dir, { layers: [tar([{ name: 'etc/debian_version', body: '12.5\n' }, { name, body: status }])] }, `dpkg-${i}.tar`))));
  spellings.forEach((name, i) => {
    assert.equal(results[i].code, 0, `${name}: ${results[i].stderr}`);
    const bom = JSON.parse(results[i].stdout) as { components: { purl?: string }[] };
    assert.equal(bom.components.filter((c) => c.purl?.startsWith('pkg:deb/')).length, expected, name);
  });
});

test('the same layer listed many times is read once', async () => {
  const layer = tar([file]);
  const n = 500;
  const input = dockerArchive(dir, { layers: [layer], diffIDs: Array(n).fill(sha256(layer)), layerNames: Array(n).fill('l0/layer.tar') }, 'repeated.tar');
  let asked = 0;
  const counting: Analyzer = { id: 'count', version: 1, kind: 'config', wants: (p) => (p === 'etc/x' ? (asked++, false) : false), analyze: () => undefined };
  const img = await openImageInput(input, { platform: { os: 'linux', architecture: 'amd64' } });
  assert.equal(img.layers.length, n);
  const results = await analyzeLayers(img.layers, { analyzers: [counting], workers: 0 });
  assert.equal(results.length, n);
  assert.equal(asked, 1);
  const r = await scanHere(input);
  assert.equal(r.code, 0, r.stderr);
});

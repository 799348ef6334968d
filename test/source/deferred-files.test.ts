import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { analyzersFor, configuredAnalyzers } from '../../src/analyze/registry.js';
import { goBinaryNeedsBody } from '../../src/analyze/golang/buildinfo.js';
import { rustBinaryNeedsBody } from '../../src/analyze/rust/auditable.js';
import { parseElf, parseElfAt } from '../../src/analyze/lang-common/elf.js';
import { CoastguardError } from '../../src/core/errors.js';
import { analyzeDeferred } from '../../src/source/deferred-files.js';
import { analyzeLayers } from '../../src/source/layer-pool.js';
import { LayerCache } from '../../src/source/layer-cache.js';
import { walkLayer, type DeferredFile } from '../../src/source/layer-walk.js';
import { openImageInput } from '../../src/source/open-input.js';
import { dockerArchive, sha256, tar } from '../hostile/craft.js';
import { repoRoot, tempDir } from '../helpers.js';
import { join } from 'node:path';

// The secret scanner's files leave the walk of an uncompressed layer as byte ranges and come back
// from whichever worker thread is free: the layer results must be the ones the walk makes inline.
const dir = tempDir('cg-deferred-');
const GHP = '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';
const env = `# app\nDEBUG=1\nGITHUB_TOKEN=${GHP}\n`;
const many = Array.from({ length: 700 }, (_, i) => ({ name: `srv/notes/n${i}.txt`, body: `note ${i}\n` + (i === 650 ? `token: ${GHP}\n` : '') }));
const big = Buffer.concat([Buffer.alloc(2_500_000, 'lorem ipsum\n'), Buffer.from(`GITHUB_TOKEN=${GHP}\n`)]);
const layers = [
  tar([
    { name: 'etc/os-release', body: 'ID=debian\nVERSION_ID="12"\n' },
    { name: 'app/.env', body: env },
    { name: 'app/.env.link', type: '1', linkname: 'app/.env' },
    { name: 'app/blob.bin.data', body: Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(GHP)]) },
    { name: 'app/big.log', body: big },
    // Executables go the same way (the Go and Rust analyzers read build info from the bytes).
    { name: 'usr/local/bin/hello-go', body: readFileSync(join(repoRoot, 'src/analyze/golang/testdata/hello-linux-amd64')), mode: 0o755 },
    { name: 'usr/local/bin/hello-rust', body: readFileSync(join(repoRoot, 'src/analyze/rust/testdata/hello_world-auditable')), mode: 0o755 },
    { name: 'usr/bin/true', body: readFileSync('/usr/bin/true'), mode: 0o755 },
    ...many,
  ]),
  tar([{ name: 'root/.bashrc', body: `export GITHUB_TOKEN=${GHP}\n` }]),
];
const compressed = [layers[0], gzipSync(layers[1])];

async function both(input: string) {
  const img = await openImageInput(input, { platform: { os: 'linux', architecture: 'amd64' } });
  const analyzers = analyzersFor(['os', 'os-pkg', 'lang', 'secret'], 'image');
  const inline = await analyzeLayers(img.layers, { analyzers, workers: 0 });
  const pooled = await analyzeLayers(img.layers, { analyzers, workers: 2 });
  return { inline, pooled };
}

const secretsOf = (r: Awaited<ReturnType<typeof both>>['inline']) =>
  r.flatMap((l) => l.analyses.flatMap((a) => (a.result.findings ?? []).map((f) => `${f.location.path}:${f.location.line} ${f.id}`)));

test('deferred secret scanning in worker threads gives the layer results of the inline walk', async () => {
  const { inline, pooled } = await both(dockerArchive(dir, { layers }, 'plain.tar'));
  assert.deepEqual(secretsOf(inline), [
    'app/.env:3 github-pat',
    'app/.env.link:3 github-pat',
    'app/big.log:208334 github-pat',
    'srv/notes/n650.txt:2 github-pat',
    'root/.bashrc:1 github-pat',
  ]);
  assert.deepEqual(pooled, inline);
  assert.equal(inline[0].analyses.filter((a) => a.result.os).length, 1, 'the OS analyzer ran in the walk');
  const pkgs = (analyzer: string) => inline[0].analyses.filter((a) => a.analyzer === analyzer).flatMap((a) => (a.result.packages ?? []).map((p) => `${p.name}@${p.version}`));
  assert.ok(pkgs('go-binary').includes('stdlib@1.22.2') || pkgs('go-binary').some((p) => p.startsWith('stdlib@')), pkgs('go-binary').join(' '));
  assert.ok(pkgs('rust-binary').length > 0, 'Rust crates from the auditable binary');
});

test('the walk of an uncompressed layer leaves text files as byte ranges, binaries dropped from their head', async () => {
  const input = dockerArchive(dir, { layers }, 'ranges.tar');
  const img = await openImageInput(input, { platform: { os: 'linux', architecture: 'amd64' } });
  const deferred: DeferredFile[] = [];
  const walked = await walkLayer(img.layers[0], analyzersFor(['os', 'lang', 'secret'], 'image'), { defer: (f) => deferred.push(f) });
  assert.deepEqual(walked.analyses.filter((a) => a.analyzer !== 'os-release').map((a) => a.analyzer), [], 'no secret or executable analysed in the walk');
  assert.deepEqual(deferred.slice(0, 5).map((f) => [f.path, f.size, f.at]), [
    ['app/.env', env.length, 1],
    ['app/.env.link', env.length, 1],
    ['app/big.log', big.length, 1],
    ['usr/local/bin/hello-go', 782336, 1],
    ['usr/local/bin/hello-rust', 343712, 1],
  ]);
  assert.equal(deferred.length, 706);
  assert.equal(deferred[1].start, deferred[0].start, 'the hard link reads its target\'s bytes');
  assert.ok(!deferred.some((f) => f.path === 'app/blob.bin.data'));
  assert.equal(readFileSync(input).subarray(deferred[2].start, deferred[2].start + big.length).equals(big), true);
});

test('a compressed layer among uncompressed ones is walked as before, with the same results', async () => {
  const { inline, pooled } = await both(dockerArchive(dir, { layers: compressed, diffIDs: layers.map(sha256) }, 'mixed.tar'));
  assert.equal(secretsOf(inline).length, 5);
  assert.deepEqual(pooled, inline);
});

test('a file changed between the walk and the deferred read is an input error, not a result', async () => {
  const input = dockerArchive(dir, { layers }, 'changed.tar');
  const st = statSync(input);
  const batch = { path: input, fileSize: st.size, fileMtimeMs: st.mtimeMs - 1000, layer: 'sha256:x', label: `layer x in ${input}`, files: [{ at: 0, path: 'app/.env', mode: 0o644, size: 10, start: 0 }] };
  await assert.rejects(analyzeDeferred(batch, configuredAnalyzers(['secret'], {})), (e: unknown) => e instanceof CoastguardError && e.exitCode === 3 && /the file changed while it was being scanned/.test(e.what));
});

test('executables read by ranges: only a Go or Rust binary needs its body read', () => {
  const ranges = (b: Buffer) => (o: number, n: number) => b.subarray(o, o + n);
  const go = readFileSync(join(repoRoot, 'src/analyze/golang/testdata/hello-linux-amd64'));
  const rust = readFileSync(join(repoRoot, 'src/analyze/rust/testdata/hello_world-auditable'));
  const c = readFileSync('/usr/bin/true');
  const script = Buffer.from('#!/bin/sh\necho hi\n'.repeat(10));
  assert.deepEqual([go, rust, c, script].map((b) => goBinaryNeedsBody(ranges(b), b.length)), [true, false, false, false]);
  assert.deepEqual([go, rust, c, script].map((b) => rustBinaryNeedsBody(ranges(b), b.length)), [false, true, false, false]);
  // The section names read by ranges are the ones read from the whole file.
  for (const b of [go, rust, c]) assert.deepEqual(parseElfAt(ranges(b), b.length), parseElf(b));
});

test('cached layers are checked by the pool too: a flipped byte after caching is a diffID mismatch', async () => {
  const input = dockerArchive(dir, { layers }, 'cached.tar');
  const cache = new LayerCache(join(dir, 'cache'));
  const analyzers = analyzersFor(['secret'], 'image');
  const img = await openImageInput(input, { platform: { os: 'linux', architecture: 'amd64' } });
  const cold = await analyzeLayers(img.layers, { analyzers, workers: 1, cache });
  const seen: boolean[] = [];
  const warm = await analyzeLayers(img.layers, { analyzers, workers: 1, cache, onLayerDone: (_i, _r, cached) => seen.push(cached) });
  assert.deepEqual(seen, [true, true]);
  assert.deepEqual(warm, JSON.parse(JSON.stringify(cold)));
  const bytes = readFileSync(input);
  const at = bytes.indexOf('lorem ipsum');
  bytes[at] ^= 0x01;
  writeFileSync(input, bytes);
  const tampered = await openImageInput(input, { platform: { os: 'linux', architecture: 'amd64' } });
  await assert.rejects(analyzeLayers(tampered.layers, { analyzers, workers: 1, cache }), (e: unknown) => e instanceof CoastguardError && e.exitCode === 3 && /^diffID mismatch: uncompressed layer hashes to sha256:/.test(e.what));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../../src/core/temp-files.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../helpers.js';
import { dockerArchive, tar } from './craft.js';

const dir = tempDir('cg-hostile-writes-');

test('writes go through exclusive random temp names: a planted symlink is never written through', () => {
  const repo = join(dir, 'repo');
  mkdirSync(repo);
  const victim = join(dir, 'outside.txt');
  writeFileSync(victim, 'precious\n');
  const target = join(repo, 'Dockerfile');
  writeFileSync(target, 'FROM debian:12\n');
  // The names the old code used (pin: FILE.coastguard-pin.tmp; cache: FILE.<pid>.tmp) point outside.
  symlinkSync(victim, `${target}.coastguard-pin.tmp`);
  symlinkSync(victim, `${target}.${process.pid}.tmp`);
  writeFileAtomic(target, 'FROM debian:12@sha256:' + 'a'.repeat(64) + '\n');
  assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
  assert.match(readFileSync(target, 'utf8'), /@sha256:a{64}/);
  assert.ok(lstatSync(`${target}.coastguard-pin.tmp`).isSymbolicLink());
  // No temp file of ours is left beside the target.
  assert.deepEqual(readdirSync(repo).filter((n) => /\.coastguard-\d+-[0-9a-f]{12}\.tmp$/.test(n)), []);
});

test('cache clean deletes only what Coastguard made', async () => {
  const cache = join(dir, 'cache');
  const blob = 'b'.repeat(64);
  const files = {
    ours: [`blobs/sha256/${blob}`, `blobs/sha256/${blob}.partial`, `analysis/ab/${'c'.repeat(64)}.json`, 'db/coastguard.db', 'tmp/cg-archive-123-abcdef123456/image.tar'],
    theirs: ['blobs/sha256/notes.txt', 'analysis/README', 'db/important.sqlite', 'tmp/build-output/app.bin', 'blobs/mine.txt'],
  };
  for (const f of [...files.ours, ...files.theirs]) {
    mkdirSync(join(cache, f, '..'), { recursive: true });
    writeFileSync(join(cache, f), 'x');
  }
  const r = await runCli(['cache', 'clean', '--cache-dir', cache]);
  assert.equal(r.code, 0, r.stderr);
  for (const f of files.ours) assert.equal(existsSync(join(cache, f)), false, f);
  for (const f of files.theirs) assert.equal(existsSync(join(cache, f)), true, f);
  assert.match(r.stderr, /^coastguard: warning: left 5 entries Coastguard did not make: /);
});

test('temp directories a killed run left behind are swept by the next run; its own are removed at exit', async () => {
  const cache = join(dir, 'sweep-cache');
  const stale = join(cache, 'tmp', 'cg-archive-999999999-abcdef123456');
  const foreign = join(cache, 'tmp', 'cg-archive-1-abcdef123456'); // pid 1 is alive: not ours to judge
  mkdirSync(stale, { recursive: true });
  mkdirSync(foreign, { recursive: true });
  writeFileSync(join(stale, 'image.tar'), 'left by kill -9');
  const gz = join(dir, 'image.tar.gz');
  writeFileSync(gz, gzipSync(readFileSync(dockerArchive(dir, { layers: [tar([{ name: 'etc/hostname', body: 'box\n' }])] }, 'plain.tar'))));
  const r = await runCli(['image', '--input', gz, '--cache-dir', cache, '--format', 'cyclonedx', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(existsSync(stale), false);
  assert.equal(existsSync(foreign), true);
});

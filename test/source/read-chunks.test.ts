import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readChunks } from '../../src/source/read-chunks.js';
import { TarEntryReader } from '../../src/source/tar-entries.js';
import { tar } from '../hostile/craft.js';
import { tempDir } from '../helpers.js';

// The walk reads uncompressed layers into two reused buffers: a body gathered across chunks must
// survive the buffers being refilled under it.
const dir = tempDir('cg-chunks-');
const body = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) % 251));
const entries = [
  { name: 'a/small', body: body(100, 1) },
  { name: 'a/spans-many', body: body(9_000, 2) },
  { name: 'a/exact', body: body(1_024, 3) },
  { name: 'a/another', body: body(5_123, 4) },
];
const file = join(dir, 'layer.tar');
const bytes = tar(entries);
writeFileSync(file, bytes);

test('bodies gathered from reused 700-byte chunks equal the files; offsets point at them', async () => {
  for (const size of [700, 512, 4096, 1 << 20]) {
    const reader = new TarEntryReader(() => true, undefined, true);
    const got: { name: string; body?: Buffer; dataOffset: number }[] = [];
    for await (const c of readChunks(file, 0, undefined, size)) {
      reader.push(c);
      // Bodies are used before the next chunk is read, as the walk does; then copied to compare.
      for (const e of reader.take()) got.push({ name: e.name, body: e.body && Buffer.from(e.body), dataOffset: e.dataOffset });
    }
    reader.finish();
    assert.deepEqual(got.map((g) => g.name), entries.map((e) => e.name), `chunk ${size}`);
    got.forEach((g, i) => {
      assert.ok(g.body?.equals(entries[i].body), `${g.name} with chunk ${size}`);
      assert.ok(bytes.subarray(g.dataOffset, g.dataOffset + entries[i].body.length).equals(entries[i].body));
    });
  }
});

test('a range of a file is read exactly, and a short file ends the chunks', async () => {
  const parts: Buffer[] = [];
  for await (const c of readChunks(file, 1000, 3000, 300)) parts.push(Buffer.from(c));
  assert.ok(Buffer.concat(parts).equals(bytes.subarray(1000, 3000)));
  const all: Buffer[] = [];
  for await (const c of readChunks(file, 0, bytes.length + 5000, 4096)) all.push(Buffer.from(c));
  assert.equal(Buffer.concat(all).length, bytes.length);
});

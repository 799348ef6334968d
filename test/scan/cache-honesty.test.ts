import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { repoRoot, tempDir } from '../helpers.js';
import { ExitCode } from '../../src/core/errors.js';

// The layer cache is keyed by what an image claims (diffID) and by what the analyzers were told
// (their options). Neither may let a scan vouch for bytes or rules it did not use.
const image = join(repoRoot, 'samples', 'debian13-sample.tar');
let work: string;

before(() => {
  work = tempDir('cg-cache-');
});

test('a docker-archive with one byte of its layer flipped does not scan clean after the original was cached', async () => {
  const cache = join(work, 'cache-flip');
  const clean = await runCli(['image', '--input', image, '--cache-dir', cache, '--skip-db', '--scanners', 'secret', '--exit-code', '1', '-q']);
  assert.equal(clean.code, 0, clean.stderr);
  const second = await runCli(['image', '--input', image, '--cache-dir', cache, '--skip-db', '--scanners', 'secret', '--exit-code', '1', '-q']);
  assert.equal(second.code, 0, second.stderr); // the cache serves the untouched image

  // One byte inside var/lib/dpkg/status (tar headers untouched, so the tar still parses).
  const bytes = readFileSync(image);
  const at = bytes.indexOf('Package: ') + 9;
  assert.ok(at > 9);
  bytes[at] ^= 0x01;
  const tampered = join(work, 'tampered.tar');
  writeFileSync(tampered, bytes);
  const r = await runCli(['image', '--input', tampered, '--cache-dir', cache, '--skip-db', '--scanners', 'secret', '--exit-code', '1', '-q']);
  assert.equal(r.code, ExitCode.INPUT, r.stderr);
  const diffID = 'sha256:bc118f44facd874a79ac84138b8a87eb1c75935ebde9c236f52f745d722625c8';
  assert.match(r.stderr, new RegExp(`^coastguard: diffID mismatch: uncompressed layer hashes to sha256:(?!${diffID.slice(7)})[0-9a-f]{64}, config says ${diffID}: layer ${diffID} in ${tampered}\n$`));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, repoRoot, tempDir } from '../helpers.js';

/** Runs the real executable (through tsx), as a user would. */
function cli(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/cli/bin.ts'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, COASTGUARD_CACHE_DIR: join(work, 'cache') } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const work = tempDir('cg-cli-');

function oneLine(stderr: string, re: RegExp) {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line expected, got:\n${stderr}`);
  assert.match(lines[0], re);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
}

test('bad image input: one line naming what and where, exit 3', () => {
  const trunc = join(work, 'trunc.tar');
  copyFileSync(fixture('images/dive/test-docker-image.tar'), trunc);
  truncateSync(trunc, 600_000);
  const junk = join(work, 'junk.bin');
  writeFileSync(junk, Buffer.alloc(2048, 0x41));
  const cases: [string[], RegExp][] = [
    [['image', '--input', trunc], new RegExp(`^coastguard: truncated tar: .*: ${trunc}$`)],
    [['image', '--input', junk], new RegExp(`^coastguard: not a tar archive \\(bad header checksum\\): ${junk}$`)],
    [['image', '--input', join(work, 'nope.tar')], /^coastguard: no such file or directory: .*nope\.tar$/],
    [['image', '--input', fixture('images/dive/test-gzip-image.tar')], /^coastguard: tar has neither manifest\.json .* not an image: /],
  ];
  for (const [args, re] of cases) {
    const r = cli(args);
    assert.equal(r.code, 3, `${args.join(' ')}: ${r.stderr}`);
    oneLine(r.stderr, re);
  }
});

test('usage errors exit 2; a missing vulnerability DB asked for exits 4', () => {
  let r = cli(['image', '--bogus']);
  assert.equal(r.code, 2);
  oneLine(r.stderr, /^coastguard: unknown flag --bogus: coastguard image$/);
  r = cli(['frobnicate']);
  assert.equal(r.code, 2);
  oneLine(r.stderr, /^coastguard: unknown command "frobnicate"/);
  r = cli(['image', '--input', fixture('images/dive/test-oci-gzip-image.tar'), '--scanners', 'vuln', '--db', join(work, 'absent.db')]);
  assert.equal(r.code, 4, r.stderr);
  assert.match(r.stderr, /vulnerability database|no vulnerability database/);
  const bad = join(work, 'bad.db');
  writeFileSync(bad, 'SQLite format 3\0' + 'x'.repeat(100));
  r = cli(['image', '--input', fixture('images/dive/test-oci-gzip-image.tar'), '--scanners', 'vuln', '--db', bad]);
  assert.equal(r.code, 4, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('--version and --help work without scanning', () => {
  assert.match(cli(['--version']).stdout, /^coastguard \d+\.\d+\.\d+/);
  const h = cli(['image', '--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /--input FILE\|DIR/);
});

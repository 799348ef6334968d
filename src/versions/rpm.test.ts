import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { rpm, rpmvercmp } from './rpm.js';

const pairs = readFileSync(new URL('./testdata/rpm-pairs.tsv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split('\t') as [string, string, string]);

test('rpm ordering agrees with rpm.vercmp on 3,000 real EVR pairs (Amazon, Fedora, Oracle, SLE)', () => {
  assert.equal(pairs.length, 3000);
  const wrong = pairs.filter(([a, b, want]) => rpm.compare(a, b) !== Number(want) || rpm.compare(b, a) !== -Number(want));
  assert.deepEqual(wrong, []);
});

// Edge cases of the algorithm, each verdict rpm's own (re-checked live below when rpm exists).
const edges: [string, string, number][] = [
  ['1.0', '1.0', 0],
  ['1.0', '1.0.0', -1],
  ['1.0~rc1', '1.0', -1],
  ['1.0~rc1', '1.0~rc2', -1],
  ['1.0~~', '1.0~', -1],
  ['1.0^', '1.0', 1],
  ['1.0^git1', '1.0.1', -1],
  ['1.0^git1', '1.0~rc1', 1],
  ['1.0^git1', '1.0^git2', -1],
  ['1.0a', '1.0', 1],
  ['1.0a', '1.0.1', -1],
  ['1.0a', '1.0b', -1],
  ['2a', '2.0', -1],
  ['1.010', '1.9', 1],
  ['1.01', '1.1', 0],
  ['1_0', '1.0', 0],
  ['1.0', '1.0-1', -1],
  ['1.0-1', '1.0-1.el9', -1],
  ['1:1.0-1', '2.0-1', 1],
  ['0:1.0-1', '1.0-1', 0],
  ['1.0-1.el8_9', '1.0-1.el8_10', -1],
  ['5.14.0-362.8.1.el9_3', '5.14.0-362.13.1.el9_3', -1],
  ['99999999999999999999', '100000000000000000000', -1],
];

test('rpm algorithm edge cases: tilde, caret, letters, epochs, releases', () => {
  for (const [a, b, want] of edges) assert.equal(rpm.compare(a, b), want, `${a} vs ${b}`);
  assert.equal(rpmvercmp('fc35', 'fc38'), -1);
});

test('rpm edge cases re-checked live against rpm.vercmp', (t) => {
  if (spawnSync('rpm', ['--version']).status !== 0) return t.skip('rpm not installed');
  const file = join(mkdtempSync(join(tmpdir(), 'cg-rpm-')), 'pairs');
  writeFileSync(file, edges.map(([a, b]) => `${a} ${b}`).join('\n') + '\n');
  const lua = `%{lua: local out = {}; for l in io.lines("${file}") do local a, b = l:match("(%S+) (%S+)"); out[#out + 1] = rpm.vercmp(a, b) end; print(table.concat(out, ","))}`;
  const r = spawnSync('rpm', ['--eval', lua], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split(',').map(Number), edges.map((e) => e[2]));
});

test('rpm rejects garbage with the reason', () => {
  assert.throws(() => rpm.validate(''), /invalid rpm version "": version string is empty/);
  assert.throws(() => rpm.validate('1.0 beta'), /unexpected character/);
  assert.throws(() => rpm.validate('1.0-'), /release part is empty/);
  assert.throws(() => rpm.validate('-1'), /version part is empty/);
  assert.throws(() => rpm.validate('1.0-1-2'), /more than one "-"/);
  assert.throws(() => rpm.validate('...'), /no letters or digits/);
  assert.throws(() => rpm.compare('1.0', 'a"b'), /invalid rpm version "a"b"/);
});

test('rpm ranges', () => {
  assert.equal(rpm.satisfies('1.0.2-3.el9', '>= 1.0, < 1.0.2-4'), true);
  assert.equal(rpm.satisfies('1:1.0-1', '< 2.0'), false);
  assert.equal(rpm.satisfies('2.0~rc1-1', '< 2.0-1'), true);
  assert.equal(rpm.satisfies('3.0-1', '< 1.0 || >= 3.0'), true);
  assert.throws(() => rpm.satisfies('1.0', '>> 1'), /invalid rpm range ">> 1"/);
});

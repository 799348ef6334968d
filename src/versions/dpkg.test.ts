import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dpkg, parseDpkg } from './dpkg.js';
import { VersionError } from './types.js';

const pairs = readFileSync(new URL('./testdata/dpkg-pairs.tsv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split('\t') as [string, string, string]);

test('dpkg ordering agrees with dpkg --compare-versions on 4,000 real version pairs', () => {
  assert.equal(pairs.length, 4000);
  const wrong = pairs.filter(([a, b, want]) => Math.sign(dpkg.compare(a, b)) !== Number(want) || Math.sign(dpkg.compare(b, a)) !== -Number(want));
  assert.deepEqual(wrong, []);
});

// Edge cases of the specification; each verdict is dpkg's (re-checked live below when dpkg exists).
const edges: [string, string, number][] = [
  ['1.0', '1.0-0', 0],
  ['0:1.0', '1.0', 0],
  ['1.0~rc1', '1.0', -1],
  ['1.0~~', '1.0~', -1],
  ['1.0~', '1.0', -1],
  ['1.0', '1.0+', -1],
  ['1.0', '1.0a', -1],
  ['1.0a', '1.0+', -1],
  ['1.0.0', '1.0', 1],
  ['1:0.1', '2.0', 1],
  ['1.01', '1.1', 0],
  ['1.0-1', '1.0-1ubuntu1', -1],
  ['2.30-1', '2.3-1', 1],
  ['7.6p2-4', '7.6-0', 1],
  ['1:1.18.36:5.4', '1:1.18.36:5.5', -1],
  ['1.0-1~bpo1', '1.0-1', -1],
  ['1.0+dfsg-1', '1.0-1', 1],
  ['99999999999999999999999', '100000000000000000000000', -1],
  ['1.2.3-4+deb12u1', '1.2.3-4+deb12u10', -1],
];

test('dpkg specification edge cases', () => {
  for (const [a, b, want] of edges) assert.equal(Math.sign(dpkg.compare(a, b)), want, `${a} vs ${b}`);
});

test('dpkg edge cases re-checked live against dpkg --compare-versions', (t) => {
  if (spawnSync('dpkg', ['--version']).status !== 0) return t.skip('dpkg not installed');
  for (const [a, b, want] of [...edges, ...pairs.slice(0, 40).map(([a, b, w]) => [a, b, Number(w)] as [string, string, number])]) {
    const op = want < 0 ? 'lt' : want > 0 ? 'gt' : 'eq';
    assert.equal(spawnSync('dpkg', ['--compare-versions', a, op, b]).status, 0, `dpkg: ${a} ${op} ${b}`);
  }
});

test('dpkg parses epoch, upstream and revision', () => {
  assert.deepEqual(parseDpkg('1:2.3-4-5'), { epoch: 1, upstream: '2.3-4', revision: '5' });
  assert.deepEqual(parseDpkg('2.38-1'), { epoch: 0, upstream: '2.38', revision: '1' });
  assert.deepEqual(parseDpkg('3.0.4'), { epoch: 0, upstream: '3.0.4', revision: '' });
});

test('dpkg rejects garbage with the reason', () => {
  const cases: [string, RegExp][] = [
    ['', /version string is empty/],
    ['1.0 beta', /embedded spaces/],
    [':1.0', /epoch in version is empty/],
    ['a:1.0', /epoch in version is not a number/],
    ['1:', /nothing after colon/],
    ['1.0-', /revision number is empty/],
    ['-1', /version number is empty/],
    ['abc', /does not start with digit/],
    ['1.0_1', /invalid character in version number/],
    ['1.0-1_2', /invalid character in revision number/],
  ];
  for (const [v, re] of cases) {
    assert.throws(() => dpkg.validate(v), (e: unknown) => e instanceof VersionError && re.test((e as Error).message), v);
  }
  assert.throws(() => dpkg.compare('1.0', 'garbage'), /invalid dpkg version "garbage"/);
});

test('dpkg ranges: generic comparator lists and Debian relation operators', () => {
  assert.equal(dpkg.satisfies('1.2.3-1', '>= 1.2, < 1.3'), true);
  assert.equal(dpkg.satisfies('1.3~rc1-1', '>= 1.2, < 1.3'), true);
  assert.equal(dpkg.satisfies('1.3-1', '>= 1.2, < 1.3'), false);
  assert.equal(dpkg.satisfies('2.0-1', '<< 1.0 || >> 1.9'), true);
  assert.equal(dpkg.satisfies('1:1.0-1', '<1.5'), false);
  assert.equal(dpkg.satisfies('1.0-0', '=1.0'), true);
  assert.equal(dpkg.satisfies('1.0-1', '!= 1.0-1'), false);
  assert.throws(() => dpkg.satisfies('1.0', '>= x1'), /invalid dpkg version "x1"/);
  assert.throws(() => dpkg.satisfies('1.0', '~> 1.0'), /invalid dpkg range/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maven } from './maven.js';

const ascending = (list: string[]) => {
  for (let i = 0; i < list.length; i++) {
    for (let j = 0; j < list.length; j++) {
      assert.equal(maven.compare(list[i]!, list[j]!), Math.sign(i - j), `${list[i]} vs ${list[j]}`);
    }
  }
};

// The ordered lists of Maven's ComparableVersion documentation and tests (facts about Maven's order).
test('Maven qualifier order', () => {
  ascending([
    '1-alpha2snapshot', '1-alpha2', '1-alpha-123', '1-beta-2', '1-beta123', '1-m2', '1-m11', '1-rc', '1-cr2',
    '1-rc123', '1-SNAPSHOT', '1', '1-sp', '1-sp2', '1-sp123', '1-abc', '1-def', '1-pom-1', '1-1-snapshot', '1-1', '1-2', '1-123',
  ]);
});

// (This is Maven 3.8's list; Maven 3.9 reordered 2.0.a after 2-1. We follow Maven 3.8.7, the one installed here.)
test('Maven number order', () => {
  ascending([
    '2.0', '2.0.a', '2-1', '2.0.2', '2.0.123', '2.1.0', '2.1-a', '2.1b', '2.1-c', '2.1-1', '2.1.0.1', '2.2', '2.123',
    '11.a2', '11.a11', '11.b2', '11.b11', '11.m2', '11.m11', '11', '11.a', '11b', '11c', '11m',
  ]);
});

test('Maven equal spellings', () => {
  const groups = [
    ['1', '1.0', '1.0.0', '1-0', '1.0-0', '1ga', '1.ga', '1-ga', '1-final', '1.0-final', '1-release', '1.0.0-GA'],
    ['1a1', '1-a1', '1-alpha-1', '1alpha1', '1.0-alpha1', '1-ALPHA-1'],
    ['1b2', '1-b2', '1-beta-2', '1beta2'],
    ['1m3', '1-m3', '1-milestone-3', '1milestone3'],
    ['1rc', '1cr', '1-rc', '1-cr', '1.0-rc'],
  ];
  for (const g of groups) for (const v of g) assert.equal(maven.compare(g[0]!, v), 0, `${g[0]} == ${v}`);
  assert.equal(maven.compare('2.0.0.RELEASE', '2.0.0'), 0);
  assert.equal(maven.compare('5.3.18', '5.3.9'), 1);
  assert.equal(maven.compare('2.17.0', '2.17.0-rc1'), 1);
  assert.equal(maven.compare('1.0-SNAPSHOT', '1.0-rc1'), 1);
  assert.equal(maven.compare('2.0.a', '2.0.0.a'), 0);
  assert.equal(maven.compare('1.0.x', '1-x'), 0);
});

test('Maven rejects garbage', () => {
  for (const v of ['', 'abc', '1.0 beta', '1..0?', '.1', '1.0-', '[1.0]']) assert.throws(() => maven.validate(v), /invalid maven version/, v);
});

test('Maven interval ranges', () => {
  const cases: [string, string, boolean][] = [
    ['2.14.1', '[2.0-beta9,2.15.0)', true], // log4j-core CVE-2021-44228 (GHSA-jfh8-c2jp-5v3q)
    ['2.15.0', '[2.0-beta9,2.15.0)', false],
    ['2.0-beta9', '[2.0-beta9,2.15.0)', true],
    ['2.0-beta8', '[2.0-beta9,2.15.0)', false],
    ['1.0', '(,1.0]', true],
    ['1.0.1', '(,1.0]', false],
    ['1.0', '(,1.0)', false],
    ['1.5', '[1.5,)', true],
    ['1.5', '(1.5,)', false],
    ['1.2', '[1.2]', true],
    ['1.2.0', '[1.2]', true],
    ['1.1', '(,1.0],[1.2,)', false],
    ['1.3', '(,1.0],[1.2,)', true],
    ['2.5', '>= 2.0, < 3.0', true],
    ['3.0', '>= 2.0, < 3.0', false],
    ['1.0', '=1.0.0', true],
  ];
  for (const [v, r, want] of cases) assert.equal(maven.satisfies(v, r), want, `${v} in ${r}`);
  assert.throws(() => maven.satisfies('1.0', '[1.0'), /invalid maven range "\[1.0"/);
  assert.throws(() => maven.satisfies('1.0', '[2.0,1.0]'), /lower bound is above the upper bound/);
  assert.throws(() => maven.satisfies('1.0', '[,1.0]'), /unbounded lower end must be open/);
  assert.throws(() => maven.satisfies('1.0', '[1.0,2.0,3.0]'), /at most two bounds/);
});

test('Maven ordering agrees with Maven 3.8.7 ComparableVersion on 2,500 pairs', async () => {
  const { readFileSync } = await import('node:fs');
  const pairs = readFileSync(new URL('./testdata/maven-pairs.tsv', import.meta.url), 'utf8').trim().split('\n').map((l) => l.split('\t'));
  assert.equal(pairs.length, 2500);
  const wrong = pairs.filter(([a, b, want]) => maven.compare(a!, b!) !== Number(want));
  assert.deepEqual(wrong, []);
});

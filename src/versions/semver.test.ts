import { test } from 'node:test';
import assert from 'node:assert/strict';
import { semver } from './semver.js';

test('semver ordering: SemVer 2.0.0 precedence (spec §11 example chain)', () => {
  const chain = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '2.0.0', '2.1.0', '2.1.1'];
  for (let i = 0; i + 1 < chain.length; i++) assert.equal(semver.compare(chain[i]!, chain[i + 1]!), -1, `${chain[i]} < ${chain[i + 1]}`);
  assert.equal(semver.compare('1.0.0+build.1', '1.0.0+build.2'), 0);
  assert.equal(semver.compare('v1.2.3', '1.2.3'), 0);
  assert.equal(semver.compare('1.10.0', '1.9.0'), 1);
});

test('semver rejects garbage', () => {
  for (const v of ['', '1.2', '1.2.3.4', 'latest', '01.2.3', '1.2.3-', 'a.b.c']) {
    assert.throws(() => semver.validate(v), /invalid semver version/, v);
  }
});

test('npm ranges: caret, tilde, x-ranges, hyphen ranges, unions', () => {
  const cases: [string, string, boolean][] = [
    ['4.17.15', '<4.17.19', true], // lodash GHSA-p6mc-m468-83gw
    ['4.17.21', '<4.17.19', false],
    ['1.2.0', '<0.2.4 || >=1.0.0 <1.2.2', true], // minimist-style unions
    ['1.2.5', '^1.2.3', true],
    ['2.0.0', '^1.2.3', false],
    ['0.2.5', '^0.2.3', true],
    ['0.3.0', '^0.2.3', false],
    ['0.0.4', '^0.0.3', false],
    ['1.2.9', '~1.2.3', true],
    ['1.3.0', '~1.2.3', false],
    ['1.9.9', '1.x', true],
    ['1.4.7', '1.2.3 - 1.4', true],
    ['1.5.0', '1.2.3 - 1.4', false],
    ['3.0.0', '*', true],
    ['2.0.0-rc.1', '<2.0.0', true], // pre-releases included on purpose
    ['2.0.0-rc.1', '^1.0.0', false],
    ['1.2.3', '=1.2.3', true],
  ];
  for (const [v, r, want] of cases) assert.equal(semver.satisfies(v, r), want, `${v} in ${r}`);
});

test('generic comparator lists from feeds', () => {
  assert.equal(semver.satisfies('7.5.1', '>= 7.0.0, < 7.5.2'), true);
  assert.equal(semver.satisfies('7.5.2', '>= 7.0.0, < 7.5.2'), false);
  assert.equal(semver.satisfies('5.7.1', '< 5.7.2 || >= 6.0.0, < 6.3.1'), true);
  assert.throws(() => semver.satisfies('1.0.0', '>= 1.0.0, < x'), /invalid semver version "x"/);
  assert.throws(() => semver.satisfies('1.0.0', '>=>= 1'), /invalid semver range/);
  assert.throws(() => semver.satisfies('1.0', '>= 1.0.0'), /invalid semver version "1.0"/);
});

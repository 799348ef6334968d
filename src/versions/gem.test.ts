import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gem } from './gem.js';

// Verdicts of Gem::Version#<=> as RubyGems' own test_gem_version.rb states them.
test('RubyGems ordering', () => {
  const cases: [string, string, number][] = [
    ['1.0', '1.0.0', 0], ['1', '1.0.0.0', 0], ['1.0', '1.0.a', 1], ['1.8.2', '0.0.0', 1], ['1.8.2', '1.8.2.a', 1],
    ['1.8.2.b', '1.8.2.a', 1], ['1.8.2.a', '1.8.2', -1], ['1.8.2.a10', '1.8.2.a9', 1], ['0.beta.1', '0.0.beta.1', 0],
    ['0.0.beta', '0.0.beta.1', -1], ['0.0.beta', '0.beta.1', -1], ['5.a', '5.0.0.rc2', -1], ['5.x', '5.0.0.rc2', 1],
    ['1.0.0-rc1', '1.0.0.pre.rc1', 0], ['2.0.0-beta', '2.0.0', -1], ['1.2.10', '1.2.9', 1], ['1.0.0.rc1', '1.0.0.RC1', 1],
    ['6.1.7.3', '6.1.7.10', -1],
  ];
  for (const [a, b, want] of cases) assert.equal(gem.compare(a, b), want, `${a} <=> ${b}`);
});

test('RubyGems rejects garbage', () => {
  for (const v of ['', 'junk', '1..2', '1.2.', '1.0 beta', '>= 1', '1_0']) assert.throws(() => gem.validate(v), /invalid gem version/, v);
});

test('RubyGems requirements, including the pessimistic operator', () => {
  const cases: [string, string, boolean][] = [
    ['1.4', '~> 1.4', true], ['1.9.9', '~> 1.4', true], ['2.0', '~> 1.4', false], ['1.3', '~> 1.4', false],
    ['1.4.4', '~> 1.4.4', true], ['1.4.9', '~> 1.4.4', true], ['1.5', '~> 1.4.4', false],
    ['1.9', '~> 1', true], ['2.0', '~> 1', false],
    ['1.2.a', '~> 1.2.a', true], ['1.9', '~> 1.2.a', true], ['2.0', '~> 1.2.a', false],
    ['2.0.a', '~> 1.2', false], // release of 2.0.a is 2.0, not below 2
    ['1.0', '!= 1.0', false], ['1.0.0', '= 1', true], ['1.0.0', '1', true],
    // RubySec style: patched_versions "~> 5.2.4, >= 5.2.4.3"
    ['5.2.4.2', '~> 5.2.4, >= 5.2.4.3', false], ['5.2.4.3', '~> 5.2.4, >= 5.2.4.3', true], ['5.2.5', '~> 5.2.4, >= 5.2.4.3', true], ['5.3.0', '~> 5.2.4, >= 5.2.4.3', false],
    ['6.0.3.1', '>= 6.0.3.1', true], ['3.1', '< 1.0 || >= 3.0', true],
  ];
  for (const [v, r, want] of cases) assert.equal(gem.satisfies(v, r), want, `${v} in "${r}"`);
  assert.throws(() => gem.satisfies('1.0', '=> 1.0'), /invalid gem range "=> 1.0": cannot read requirement/);
  assert.throws(() => gem.satisfies('1.0', '~> x'), /invalid gem version "x"/);
});

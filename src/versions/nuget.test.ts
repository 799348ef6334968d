import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nuget } from './nuget.js';

test('NuGet ordering: four parts, SemVer 2 labels case-insensitively, metadata ignored', () => {
  const chain = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.0.1', '1.0.1', '1.10.0'];
  for (let i = 0; i + 1 < chain.length; i++) assert.equal(nuget.compare(chain[i]!, chain[i + 1]!), -1, `${chain[i]} < ${chain[i + 1]}`);
  assert.equal(nuget.compare('1.0', '1.0.0.0'), 0);
  assert.equal(nuget.compare('1', '1.0.0'), 0);
  assert.equal(nuget.compare('1.0.0-BETA', '1.0.0-beta'), 0);
  assert.equal(nuget.compare('1.0.0+abc', '1.0.0+def'), 0);
  assert.equal(nuget.compare('1.01', '1.1'), 0);
  assert.equal(nuget.compare('4.7.0-preview1-26216-02', '4.7.0'), -1);
});

test('NuGet rejects garbage', () => {
  for (const v of ['', 'a.b', '1.0.0.0.0', '1.0-', '1.0+', 'v1.0', '[1.0]']) assert.throws(() => nuget.validate(v), /invalid nuget version/, v);
});

test('NuGet version ranges (learn.microsoft.com "Package versioning")', () => {
  const cases: [string, string, boolean][] = [
    ['1.0', '1.0', true], ['0.9', '1.0', false], ['5.0', '1.0', true],
    ['1.0', '(1.0,)', false], ['1.0.1', '(1.0,)', true],
    ['1.0', '[1.0]', true], ['1.0.1', '[1.0]', false],
    ['1.0', '(,1.0]', true], ['1.0', '(,1.0)', false],
    ['1.0', '[1.0,2.0]', true], ['2.0', '[1.0,2.0]', true], ['2.0', '[1.0,2.0)', false], ['1.0', '(1.0,2.0)', false],
    ['2.0.0-preview1', '[1.0,2.0)', true],
    // GHSA NuGet ranges are comparator lists
    ['4.7.0', '>= 4.0.0, < 4.7.2', true], ['4.7.2', '>= 4.0.0, < 4.7.2', false], ['13.0.1', '< 13.0.1', false],
  ];
  for (const [v, r, want] of cases) assert.equal(nuget.satisfies(v, r), want, `${v} in ${r}`);
  assert.throws(() => nuget.satisfies('1.0', '1.*'), /floating ranges/);
  assert.throws(() => nuget.satisfies('1.0', '[2.0,1.0]'), /lower bound is above the upper bound/);
  assert.throws(() => nuget.satisfies('1.0', '(1.0)'), /a single version must be written \[1.0\]/);
  assert.throws(() => nuget.satisfies('1.0', '[1.0,2.0'), /invalid nuget range/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cargo, cargoToNpmRange } from './cargo.js';

test('Cargo ordering is SemVer 2.0.0', () => {
  assert.equal(cargo.compare('1.0.0-alpha.1', '1.0.0-alpha.beta'), -1);
  assert.equal(cargo.compare('0.10.0', '0.9.9'), 1);
  assert.equal(cargo.compare('1.0.0+a', '1.0.0+b'), 0);
  assert.throws(() => cargo.validate('v1.0.0'), /invalid cargo version "v1.0.0"/);
  assert.throws(() => cargo.validate('1.0'), /not a semantic version/);
});

test('Cargo requirements (The Cargo Book, "Specifying dependencies")', () => {
  const cases: [string, string, boolean][] = [
    ['1.2.9', '1.2.3', true], // bare = caret
    ['2.0.0', '1.2.3', false],
    ['0.2.9', '0.2.3', true],
    ['0.3.0', '0.2.3', false],
    ['0.0.4', '^0.0.3', false],
    ['0.0.3', '^0.0.3', true],
    ['0.0.9', '^0.0', true],
    ['0.1.0', '^0.0', false],
    ['0.9.0', '^0', true],
    ['1.2.9', '~1.2.3', true],
    ['1.3.0', '~1.2', false],
    ['1.9.0', '~1', true],
    ['1.2.7', '=1.2', true],
    ['1.3.0', '>1.2', true],
    ['1.2.9', '>1.2', false],
    ['1.2.9', '<=1.2', true],
    ['1.4.0', '1.*', true],
    ['2.0.0', '1.*', false],
    ['9.0.0', '*', true],
    ['1.4.0', '>= 1.2, < 1.5', true],
    ['1.5.0', '>= 1.2, < 1.5', false],
    ['0.9.0', '< 0.8 || >= 0.9', true],
  ];
  for (const [v, r, want] of cases) assert.equal(cargo.satisfies(v, r), want, `${v} in ${r}`);
  assert.equal(cargoToNpmRange('>= 1.2, < 1.5'), '>=1.2 <1.5');
  // RustSec "patched" entries are requirements like these.
  assert.equal(cargo.satisfies('0.7.3', '>= 0.7.4'), false);
  assert.equal(cargo.satisfies('0.6.9', '^0.6.8'), true);
});

test('Cargo rejects garbage requirements', () => {
  assert.throws(() => cargo.satisfies('1.0.0', '>= one'), /invalid cargo range ">= one": cannot read comparator/);
  assert.throws(() => cargo.satisfies('1.0.0', ''), /empty requirement/);
  assert.throws(() => cargo.satisfies('x', '*'), /invalid cargo version "x"/);
});

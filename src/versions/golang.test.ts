import { test } from 'node:test';
import assert from 'node:assert/strict';
import { golang, isPseudoVersion } from './golang.js';

test('Go ordering: tags, pseudo-versions, +incompatible, with or without the v', () => {
  const chain = [
    'v0.0.0-20190308221718-c2843e01d9a2', // pseudo-version before any tag
    'v0.0.0-20220314234659-1baeb1ce4c0b',
    'v0.1.0',
    'v0.1.1-0.20200101000000-abcdefabcdef', // commit after v0.1.0
    'v0.1.1',
    'v1.0.0-rc.1',
    'v1.0.0-rc.1.0.20210101000000-abcdefabcdef', // commit after v1.0.0-rc.1
    'v1.0.0',
    'v2.0.0+incompatible',
    'v2.1.0+incompatible',
    'v10.0.0',
  ];
  for (let i = 0; i + 1 < chain.length; i++) assert.equal(golang.compare(chain[i]!, chain[i + 1]!), -1, `${chain[i]} < ${chain[i + 1]}`);
  assert.equal(golang.compare('0.0.0-20220314234659-1baeb1ce4c0b', 'v0.0.0-20220314234659-1baeb1ce4c0b'), 0); // OSV omits the v
  assert.equal(golang.compare('v2.0.0+incompatible', 'v2.0.0'), 0);
  assert.equal(golang.compare('v1', 'v1.0.0'), 0);
  assert.equal(golang.compare('v1.2', 'v1.2.0'), 0);
});

test('Go toolchain versions for stdlib', () => {
  assert.equal(golang.compare('go1.21.3', '1.21.3'), 0);
  assert.equal(golang.compare('go1.21', '1.21.0'), 0);
  assert.equal(golang.compare('go1.22rc1', 'go1.22'), -1);
  assert.equal(golang.compare('go1.9', 'go1.10'), -1);
  assert.equal(golang.satisfies('go1.20.3', '>= 1.20.0, < 1.20.4'), true);
});

test('Go pseudo-version detection', () => {
  assert.equal(isPseudoVersion('v0.0.0-20220314234659-1baeb1ce4c0b'), true);
  assert.equal(isPseudoVersion('v1.2.4-0.20220314234659-1baeb1ce4c0b'), true);
  assert.equal(isPseudoVersion('v1.2.3-pre.0.20220314234659-1baeb1ce4c0b'), true);
  assert.equal(isPseudoVersion('v1.2.3'), false);
});

test('Go rejects garbage with the reason', () => {
  assert.throws(() => golang.validate('latest'), /invalid golang version "latest": not a Go module version/);
  assert.throws(() => golang.validate('v1.2.3+meta'), /build metadata "\+meta" is not allowed/);
  assert.throws(() => golang.validate('v1.2.3+incompatible'), /only applies to major versions 2 and above/);
  assert.throws(() => golang.validate('v1.2-pre'), /shorthand/);
  assert.throws(() => golang.validate('v01.2.3'), /not a valid semantic version/);
  assert.throws(() => golang.validate(''), /empty/);
});

test('Go ranges: generic comparator lists', () => {
  // golang.org/x/crypto GO-2022-0968 style: fixed in 0.0.0-20220314234659-1baeb1ce4c0b
  assert.equal(golang.satisfies('v0.0.0-20210921155107-089bfa567519', '< 0.0.0-20220314234659-1baeb1ce4c0b'), true);
  assert.equal(golang.satisfies('v0.1.0', '< 0.0.0-20220314234659-1baeb1ce4c0b'), false);
  assert.equal(golang.satisfies('v1.4.2', '>= 1.4.0, < 1.4.3 || >= 1.5.0, < 1.5.1'), true);
  assert.throws(() => golang.satisfies('v1.0.0', '^1.0.0'), /invalid golang version "\^1.0.0"/);
});

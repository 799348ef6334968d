import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pep440 } from './pep440.js';

test('PEP 440 ordering: the example chain of the specification', () => {
  const chain = [
    '1.dev0', '1.0.dev456', '1.0a1', '1.0a2.dev456', '1.0a12.dev456', '1.0a12', '1.0b1.dev456', '1.0b2',
    '1.0b2.post345.dev456', '1.0b2.post345', '1.0rc1.dev456', '1.0rc1', '1.0', '1.0+abc.5', '1.0+abc.7', '1.0+5',
    '1.0.post456.dev34', '1.0.post456', '1.0.15', '1.1.dev1',
  ];
  for (let i = 0; i < chain.length; i++) {
    for (let j = 0; j < chain.length; j++) {
      assert.equal(pep440.compare(chain[i]!, chain[j]!), Math.sign(i - j), `${chain[i]} vs ${chain[j]}`);
    }
  }
});

test('PEP 440 normalisation and epochs', () => {
  const same: [string, string][] = [
    ['1.0-alpha-1', '1.0a1'], ['1.0.post', '1.0.post0'], ['1.0-1', '1.0.post1'], ['v1.0', '1.0'], ['1.0RC1', '1.0rc1'],
    ['1.0c1', '1.0rc1'], ['1.0.preview2', '1.0rc2'], ['1.0rev3', '1.0.post3'], ['1.0', '1.0.0.0'], ['1.0.dev', '1.0.dev0'],
    ['1.0+ubuntu-1', '1.0+ubuntu.1'], ['0!1.0', '1.0'], ['1.0a', '1.0a0'],
  ];
  for (const [a, b] of same) assert.equal(pep440.compare(a, b), 0, `${a} == ${b}`);
  assert.equal(pep440.compare('1!1.0', '2.0'), 1);
  assert.equal(pep440.compare('2013.10', '1!1.0'), -1);
  assert.equal(pep440.compare('1.0+1', '1.0+a'), 1);
});

test('PEP 440 rejects garbage', () => {
  for (const v of ['', 'french toast', '1.0.', '1..0', '1.0+', '1.0+local_', 'abc', '1.0 2', '1.0-']) {
    assert.throws(() => pep440.validate(v), /invalid pep440 version/, JSON.stringify(v));
  }
});

// Every verdict below is also packaging 26.2's SpecifierSet(r).contains(v, prereleases=True).
test('PEP 440 specifiers', () => {
  const cases: [string, string, boolean][] = [
    ['2.3', '~=2.2', true], ['3.0', '~=2.2', false], ['2.1', '~=2.2', false],
    ['1.4.9', '~=1.4.5', true], ['1.5.0', '~=1.4.5', false],
    ['2.3', '~=2.2.post3', true], ['2.2.post2', '~=2.2.post3', false],
    ['1.4.6', '~=1.4.5a4', true], ['1.4.5', '~=1.4.5a4', true], ['1.5', '~=1.4.5a4', false],
    ['1.1.post1', '==1.1.*', true], ['1.1a1', '==1.1.*', true], ['1.10', '==1.1.*', false], ['1.1', '==1.1.*', true],
    ['1.1.0', '==1.1', true], ['1.1+local', '==1.1', true], ['1.1.post1', '==1.1', false],
    ['1.1+local', '==1.1+local', true], ['1.1', '==1.1+local', false],
    ['1.2', '!=1.1.*', true], ['1.1.5', '!=1.1.*', false], ['1.1', '!=1.1', false],
    ['1.9', '<2.0', true], ['2.0rc1', '<2.0', false], ['2.0.dev1', '<2.0', false], ['2.0rc1', '<2.0rc2', true],
    ['1.7.1', '>1.7', true], ['1.7.post1', '>1.7', false], ['1.7.post3', '>1.7.post2', true],
    ['1.0', '===1.0', true], ['1.0.0', '===1.0', false],
    ['1!0.5', '>=1.0', true],
    ['2.0rc1', '>=1.0', true], // pre-releases are always eligible (see pep440.ts)
    ['1.5', '>=1.0, <2.0, !=1.5', false],
    ['1.6', '>=1.0,<2.0,!=1.5', true],
    ['0.9', '', true],
    ['1.0', '~=1.0a1', true], ['0.9', '~=1.0a1', false], ['1.1+x', '>1.0', true], ['1.0+x', '>1.0', false],
    ['1.0+x', '<=1.0', true], ['1.0+x', '>=1.0', true], ['1.0+x', '<1.0', false], ['1.1.0a1', '==1.1.*', true],
    ['1!1.1', '==1.1.*', false], ['1!1.1', '==1!1.1.*', true], ['1.0.post1+x', '>1.0', false], ['1.0.1.dev1', '>1.0', true],
    ['2.0.post1', '<2.0', false], ['1.9.post1', '<2.0', true], ['2.0', '<2.0.post1', true], ['2.0a1', '>2.0.dev1', true],
  ];
  for (const [v, r, want] of cases) assert.equal(pep440.satisfies(v, r), want, `${v} in "${r}"`);
});

test('PEP 440 generic comparator lists from feeds', () => {
  assert.equal(pep440.satisfies('2.31.0', '>= 2.3.0, < 2.31.1'), true);
  assert.equal(pep440.satisfies('2.31.1', '>= 2.3.0, < 2.31.1'), false);
  assert.equal(pep440.satisfies('1.0', '=1.0'), true);
  assert.equal(pep440.satisfies('3.1', '< 1.0 || >= 3.0, < 3.2'), true);
  assert.throws(() => pep440.satisfies('1.0', '>= 1.0.*'), /invalid pep440 range ">= 1.0.\*": ">=" does not allow a .\* suffix/);
  assert.throws(() => pep440.satisfies('1.0', '==1.0a1.*'), /may only follow a release number/);
  assert.throws(() => pep440.satisfies('1.0', '~=1'), /"~=" needs at least two release segments/);
  assert.throws(() => pep440.satisfies('1.0', '>1.0+local'), /does not allow a local version/);
  assert.throws(() => pep440.satisfies('1.0', '^1.0'), /cannot read specifier "\^1.0"/);
  assert.throws(() => pep440.satisfies('1.0', '>= banana'), /invalid pep440 version "banana"/);
});

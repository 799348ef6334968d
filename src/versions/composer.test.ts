import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composer, normalizeComposer, phpVersionCompare } from './composer.js';

test('Composer normalisation (VersionParser::normalize)', () => {
  const cases: [string, string][] = [
    ['1.0.0', '1.0.0.0'], ['v1.2', '1.2.0.0'], ['1.0.0-beta.2', '1.0.0.0-beta2'], ['1.0-RC1', '1.0.0.0-RC1'], ['1.0.0-rc1', '1.0.0.0-RC1'],
    ['1.0-p1', '1.0.0.0-patch1'], ['1.0.0-pl2', '1.0.0.0-patch2'], ['1.0.0-alpha', '1.0.0.0-alpha'], ['1.0.0a3', '1.0.0.0-alpha3'],
    ['1.0.0-stable', '1.0.0.0'], ['1.0.0-dev', '1.0.0.0-dev'], ['20230101', '20230101'], ['2010-01-02', '2010.01.02'],
    ['1.2.3.4', '1.2.3.4'], ['01.02.03', '1.2.3.0'],
  ];
  for (const [v, want] of cases) assert.equal(normalizeComposer(v), want, v);
});

test('PHP version_compare order', () => {
  assert.equal(phpVersionCompare('1.0.0.0-dev', '1.0.0.0-alpha1'), -1);
  assert.equal(phpVersionCompare('1.0.0.0-alpha1', '1.0.0.0-beta1'), -1);
  assert.equal(phpVersionCompare('1.0.0.0-beta1', '1.0.0.0-RC1'), -1);
  assert.equal(phpVersionCompare('1.0.0.0-RC1', '1.0.0.0'), -1);
  assert.equal(phpVersionCompare('1.0.0.0', '1.0.0.0-patch1'), -1);
  assert.equal(phpVersionCompare('1.0.0.0-patch1', '1.0.0.1'), -1);
  assert.equal(composer.compare('v2.10', '2.9.9'), 1);
  assert.equal(composer.compare('1.0', '1.0.0.0'), 0);
  assert.equal(composer.compare('5.4.0-RC1', '5.4.0-rc.1'), 0);
});

test('Composer refuses branches and garbage', () => {
  assert.throws(() => composer.validate('dev-main'), /invalid composer version "dev-main": a branch/);
  assert.throws(() => composer.validate('1.x-dev'), /a branch/);
  for (const v of ['', 'latest', '1.0.0-foo', '1..0']) assert.throws(() => composer.validate(v), /invalid composer version/, v);
});

test('Composer constraints (getcomposer.org "Versions and constraints")', () => {
  const cases: [string, string, boolean][] = [
    ['1.0.5', '>=1.0 <1.1 || >=1.2', true], ['1.1.0', '>=1.0 <1.1 || >=1.2', false], ['1.3', '>=1.0 <1.1 || >=1.2', true],
    ['2.0.9', '1.0 - 2.0', true], ['2.1.0', '1.0 - 2.0', false], ['2.1.0', '1.0.0 - 2.1.0', true], ['2.1.1', '1.0.0 - 2.1.0', false],
    ['1.0.9', '1.0.*', true], ['1.1.0', '1.0.*', false],
    ['1.9.9', '~1.2', true], ['2.0.0', '~1.2', false], ['1.2.9', '~1.2.3', true], ['1.3.0', '~1.2.3', false], ['1.9', '~1', true],
    ['1.9.0', '^1.2.3', true], ['2.0.0', '^1.2.3', false], ['1.2.2', '^1.2.3', false], ['0.3.9', '^0.3', true], ['0.4.0', '^0.3', false],
    ['0.0.3', '^0.0.3', true], ['0.0.4', '^0.0.3', false],
    ['1.2.0-beta1', '<1.2', false], // Composer: "<1.2" means "<1.2.0.0-dev"
    ['1.2.0-beta1', '>=1.2', true],
    ['1.1.9', '<1.2', true], ['9.9', '*', true], ['1.0', '!=1.0.0', false], ['1.0', '<>1.1', true], ['1.0.0', '==1.0', true],
    // FriendsOfPHP security-advisories style branches
    ['4.2.4', '>=4.0.0,<4.2.5', true], ['4.2.5', '>=4.0.0,<4.2.5', false], ['3.4.1', '>= 3.0.0, < 3.4.2 || >= 4.0.0, < 4.2.5', true],
    ['1.0.0', '>= 1.0@stable', true],
  ];
  for (const [v, r, want] of cases) assert.equal(composer.satisfies(v, r), want, `${v} in "${r}"`);
  assert.throws(() => composer.satisfies('1.0', 'dev-main'), /invalid composer range "dev-main": branch constraints/);
  assert.throws(() => composer.satisfies('1.0', '>= banana'), /invalid composer range ">= banana"/);
  assert.throws(() => composer.satisfies('1.0', ''), /empty constraint/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { apk } from './apk.js';
import { VersionError } from './types.js';

// apk-tools' own test vectors: "a OP b" per line (see testdata/NOTICE.md).
const vectors = readFileSync(new URL('./testdata/apk-version.data', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => {
    const [a, op, b] = l.replace(/#.*/, '').trim().split(/\s+/);
    return { a: a!, b: b!, want: op === '<' ? -1 : op === '>' ? 1 : 0, line: l };
  });

// Two vectors exercise apk's fallback for malformed versions ("1.0bc": two letters; "23_foo": unknown
// suffix). We reject those versions instead of guessing an order.
const INVALID = new Set(['1.0bc', '23_foo']);

test('apk ordering agrees with every valid apk-tools test vector', () => {
  const valid = vectors.filter((x) => !INVALID.has(x.a) && !INVALID.has(x.b));
  assert.equal(vectors.length, 733);
  assert.equal(valid.length, 731);
  const wrong = valid.filter(({ a, b, want }) => apk.compare(a, b) !== want || apk.compare(b, a) !== -want);
  assert.deepEqual(wrong.map((x) => x.line), []);
});

test('apk rejects the malformed versions of the vectors and other garbage, with the reason', () => {
  assert.throws(() => apk.validate('1.0bc'), /invalid apk version "1.0bc": unexpected "c" at position 5/);
  assert.throws(() => apk.validate('23_foo'), /unknown suffix "_foo"/);
  assert.throws(() => apk.validate('r1'), /must start with a digit/);
  assert.throws(() => apk.validate('1.0-1'), /"-" may only introduce the package revision/);
  assert.throws(() => apk.validate(''), (e: unknown) => e instanceof VersionError && /empty/.test((e as Error).message));
});

test('apk suffixes, letters, revisions and commit hashes', () => {
  const ordered = [
    '1.2_alpha', '1.2_alpha1', '1.2_beta', '1.2_pre1', '1.2_rc1', '1.2_rc2', '1.2', '1.2-r1', '1.2_cvs', '1.2_svn',
    '1.2_git20240101', '1.2_hg', '1.2_p1', '1.2_p1-r1', '1.2a', '1.2b', '1.2.0', '1.2.1', '1.10',
  ];
  for (let i = 0; i + 1 < ordered.length; i++) {
    assert.equal(apk.compare(ordered[i]!, ordered[i + 1]!), -1, `${ordered[i]} < ${ordered[i + 1]}`);
  }
  assert.equal(apk.compare('3.1.4-r5', '3.1.4-r10'), -1);
  assert.equal(apk.compare('1.0~abc1-r0', '1.0~abd0-r0'), -1);
  assert.equal(apk.compare('1.0~abc1', '1.0-r1'), 1); // the hash comes before the revision in the token order
  assert.equal(apk.compare('1.02', '1.1'), -1); // leading zero: compared as strings
  assert.equal(apk.compare('1.0', '1.0-r0'), -1);
});

test('apk ranges: comparator lists and the fuzzy ~ operator', () => {
  assert.equal(apk.satisfies('3.1.4-r5', '< 3.1.4-r6'), true);
  assert.equal(apk.satisfies('3.1.4-r6', '< 3.1.4-r6'), false);
  assert.equal(apk.satisfies('1.2.3-r0', '>= 1.2, < 1.3'), true);
  assert.equal(apk.satisfies('1.3_rc1-r0', '>= 1.2, < 1.3'), true);
  assert.equal(apk.satisfies('1.2.9-r3', '~1.2'), true);
  assert.equal(apk.satisfies('1.20-r3', '~1.2'), false);
  assert.equal(apk.satisfies('2.0-r0', '<1.0 || >=2.0'), true);
  assert.throws(() => apk.satisfies('1.0-r0', '>> 1.0'), /invalid apk range/);
  assert.throws(() => apk.satisfies('1.0-r0', '< 1.x'), /invalid apk version "1.x"/);
});

test('apk: 1,477 real versions of Alpine secdb and installed databases; exactly the 14 typos of the feed are refused', () => {
  const versions = JSON.parse(readFileSync(new URL('./testdata/apk-real-versions.json', import.meta.url), 'utf8')) as string[];
  assert.equal(versions.length, 1477);
  const refused = versions.filter((v) => {
    try {
      apk.validate(v);
      return false;
    } catch {
      return true;
    }
  });
  // apk-tools' own grammar refuses these too ("." before the revision, "-" inside the version).
  assert.deepEqual(refused, [
    '0.12.5.-r0', '0.8.21.r2', '1.0.4.-r0', '1.11-20-r0', '1.18.-r2', '1.7.5.-r1', '10.2.22.r0', '10.2.24.r0',
    '10.2.26.r0', '2.15.r-r1', '2.7.16-33', '4.10-1-r1', '4.8.0.-r1', '57-1-r2',
  ]);
  // In apk's grammar a letter may be followed by more digits (6.6.2p1, seen in the feed).
  assert.equal(apk.compare('6.6.2-r0', '6.6.2p1-r0'), -1);
  assert.equal(apk.compare('6.6.2p1-r0', '6.6.2p2-r0'), -1);
  assert.equal(apk.compare('6.6.2p1-r0', '6.6.3-r0'), -1);
});

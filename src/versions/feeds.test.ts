import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { golang, cargo, semver, gem } from './index.js';

// Every distinct version / range string that real feeds write (testdata/feed-corpus.json, see NOTICE.md).
const corpus = JSON.parse(readFileSync(new URL('./testdata/feed-corpus.json', import.meta.url), 'utf8')) as Record<string, string[]>;
const failures = (xs: string[], f: (x: string) => unknown) =>
  xs.flatMap((x) => {
    try {
      f(x);
      return [];
    } catch (e) {
      return [(e as Error).message];
    }
  });

test('every Go version in the Go vulnerability database parses (2,485 incl. pseudo-versions)', () => {
  assert.equal(corpus.golang!.length, 2485);
  assert.deepEqual(failures(corpus.golang!, (v) => golang.validate(v)), []);
  assert.ok(corpus.golang!.some((v) => /^0\.0\.0-\d{14}-[0-9a-f]{12}$/.test(v)));
});

test('every crates.io version in the RustSec OSV export parses (614)', () => {
  assert.equal(corpus.cargo!.length, 614);
  assert.deepEqual(failures(corpus.cargo!, (v) => cargo.validate(v)), []);
});

test('every npm range of the Node.js security WG advisories parses (479)', () => {
  assert.equal(corpus.npmRanges!.length, 479);
  assert.deepEqual(failures(corpus.npmRanges!, (r) => semver.satisfies('1.0.0', r)), []);
  // Spot checks on real ranges.
  assert.equal(semver.satisfies('1.2.0', '<=1.0.0'), false);
  assert.equal(semver.satisfies('0.0.5', '<=1.0.0'), true);
});

test('every RubySec patched/unaffected requirement parses (1,212)', () => {
  assert.equal(corpus.gemRequirements!.length, 1212);
  assert.deepEqual(failures(corpus.gemRequirements!, (r) => gem.satisfies('1.0.0', r)), []);
});

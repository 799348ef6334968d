// gitleaks' own per-rule true and false positives (testdata/gitleaks-cases, one snippet per file).
// The figures in docs/secrets.md come from `npm run accuracy:secrets`, which runs the same scorer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGitleaksScores, scoreGitleaksCases } from './gitleaks-cases.js';

const s = scoreGitleaksCases();

test('gitleaks cases: recall at least 95 %, at most 5 % of false positives reported', () => {
  assert.equal(s.rules, 153);
  assert.deepEqual([s.tp.hit, s.tp.total], [544, 553]);
  assert.deepEqual([s.fp.hit, s.fp.total], [2, 229]);
  assert.ok(s.tp.hit / s.tp.total >= 0.95);
  assert.ok(s.fp.hit / s.fp.total <= 0.05);
});

test('gitleaks cases: the misses are the known ones', () => {
  assert.deepEqual(s.tp.wrong, [
    // FLWPUBK_ keys are publishable (meant for browsers), deliberately not reported
    'flutterwave-public-key--01.txt',
    // CSV cells and values that read as code (a.b) or have no digit
    'generic-api-key--05.txt', 'generic-api-key--06.txt', 'generic-api-key--13.txt', 'generic-api-key--15.txt', 'generic-api-key--17.txt',
    // random "ey…" strings without the eyJ ('{"') of a real JWT header
    'jwt--01.txt', 'jwt--02.txt', 'jwt--03.txt',
  ]);
  // hf_xxxx…: secretlint's corpus requires these be reported, gitleaks' that they are not
  assert.deepEqual(s.fp.wrong, ['huggingface-access-token--06.txt', 'huggingface-organization-api-token--04.txt']);
});

test('the report names the figures', () => {
  assert.match(formatGitleaksScores(s), /recall: {4}544 of 553 true-positive snippets reported \(98\.4 %\)/);
});

// hadolint's own rule cases (test/fixtures/hadolint/<DL id>/, from its rule specs) and our own
// cases for the Dockerfile rules hadolint has no id or no passing case for
// (test/fixtures/dockerfile-rules/<slug>/).
// `npm run accuracy:misconfig` prints the same figures (docs/misconfig.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HADOLINT_CASES_DIR, RULE_CASES_DIR, scoreFolders, scoreHadolintCases } from './hadolint-cases.js';
import { dockerfileRules } from './dockerfile/rules.js';

test("hadolint's cases: ≥ 90 % of its rules covered, ≥ 97 % of its cases right", () => {
  const s = scoreHadolintCases();
  assert.deepEqual(s.uncovered, ['DL1001']); // inline-pragma policing, off by default in hadolint too
  assert.equal(s.covered.length, 65);
  assert.deepEqual([s.right, s.cases], [530, 531]);
  assert.deepEqual(s.wrong, ['DL1001/fail-01.Dockerfile']);
  assert.ok(s.covered.length / (s.covered.length + s.uncovered.length) >= 0.9 && s.right / s.cases >= 0.97);
});

test('our cases (rules hadolint has no id or no passing case for) are all right', () => {
  const s = scoreFolders(RULE_CASES_DIR, (slug, f) => f.slug === slug);
  assert.deepEqual(s.wrong, []);
  assert.equal(s.cases, 28);
});

test('every Dockerfile rule has a failing and a passing case in its own fixture folder', () => {
  const folders = (dir: string) => new Map(readdirSync(dir).filter((d) => !d.includes('.')).map((d) => [d, readdirSync(join(dir, d))] as const));
  const hl = folders(HADOLINT_CASES_DIR);
  const own = folders(RULE_CASES_DIR);
  const lacking = dockerfileRules.filter((r) => {
    const files = [...r.aliases.flatMap((a) => hl.get(a) ?? []), ...(own.get(r.slug) ?? [])];
    return !files.some((f) => f.startsWith('fail')) || !files.some((f) => f.startsWith('pass'));
  });
  assert.deepEqual(lacking.map((r) => r.slug), []);
  assert.equal(dockerfileRules.length, 74);
});

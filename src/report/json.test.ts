import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleResult } from '../../test/fixtures/report/sample-result.js';
import { jsonChunks, writeJson } from './json.js';

const opts = { now: new Date('2026-12-05T12:00:00Z') };

test('the JSON report in pieces is byte for byte JSON.stringify(report, null, 2)', () => {
  const r = sampleResult();
  const text = writeJson(r, opts);
  assert.equal(text, JSON.stringify(JSON.parse(text), null, 2) + '\n');
  assert.ok(r.packages.length > 0 && r.findings.length > 0);
  // Empty arrays and absent optional parts keep the same shape.
  const empty = writeJson({ ...r, packages: [], findings: [], suppressed: [], warnings: [] }, opts);
  assert.equal(empty, JSON.stringify(JSON.parse(empty), null, 2) + '\n');
  assert.deepEqual(JSON.parse(empty).packages, []);
});

test('one piece per package and finding: no piece holds the whole report', () => {
  const r = sampleResult();
  const pieces = [...jsonChunks(r, opts)];
  assert.ok(pieces.length >= r.packages.length + r.findings.length);
  const longest = Math.max(...pieces.map((p) => p.length));
  assert.ok(longest < pieces.join('').length / 4, `longest piece ${longest}`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSeverity, parseSeverityList, severityRank } from './severity.js';

test('severity names parse case-insensitively and order correctly', () => {
  assert.equal(parseSeverity('high'), 'HIGH');
  assert.equal(parseSeverity('moderate'), 'MEDIUM');
  assert.equal(parseSeverity('bogus'), 'UNKNOWN');
  assert.ok(severityRank('CRITICAL') > severityRank('HIGH'));
  assert.deepEqual(parseSeverityList('HIGH,critical'), ['HIGH', 'CRITICAL']);
  assert.throws(() => parseSeverityList('HIGH,bad'), /unknown severity "bad"/);
});

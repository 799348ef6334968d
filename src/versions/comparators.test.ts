import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseComparatorList, matchComparators } from './comparators.js';

test('generic comparator lists: comma = and, || = or, operators and spacing', () => {
  assert.deepEqual(parseComparatorList('>= 1.2, < 1.3'), [[{ op: '>=', version: '1.2' }, { op: '<', version: '1.3' }]]);
  assert.deepEqual(parseComparatorList('<1.2.3'), [[{ op: '<', version: '1.2.3' }]]);
  assert.deepEqual(parseComparatorList('=1.0'), [[{ op: '=', version: '1.0' }]]);
  assert.deepEqual(parseComparatorList('== 1.0 || != 2.0'), [[{ op: '=', version: '1.0' }], [{ op: '!=', version: '2.0' }]]);
  assert.deepEqual(parseComparatorList('<< 1.0', { extraOps: { '<<': '<' } }), [[{ op: '<', version: '1.0' }]]);
  assert.equal(parseComparatorList('1.0'), undefined); // bare versions only with bareIsEqual
  assert.deepEqual(parseComparatorList('1.0', { bareIsEqual: true }), [[{ op: '=', version: '1.0' }]]);
  assert.equal(parseComparatorList('^1.0'), undefined);
  assert.equal(parseComparatorList('>= 1.0 < 2.0'), undefined); // space is not "and" here
  assert.equal(parseComparatorList(''), undefined);
  assert.equal(parseComparatorList('>= 1.0,'), undefined);
});

test('matchComparators evaluates every comparator (so garbage inside a range always throws)', () => {
  const numeric = (a: string, b: string) => {
    if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) throw new Error(`bad ${a} ${b}`);
    return Math.sign(Number(a) - Number(b));
  };
  assert.equal(matchComparators(numeric, '5', parseComparatorList('>= 1, < 10')!), true);
  assert.equal(matchComparators(numeric, '10', parseComparatorList('>= 1, < 10 || = 10')!), true);
  assert.throws(() => matchComparators(numeric, '50', parseComparatorList('< 10, >= x')!), /bad 50 x/);
});

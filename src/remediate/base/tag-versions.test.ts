import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateTags, parseTag } from './tag-versions.js';

// Tags as Docker Hub's debian, ubuntu, node and python repositories publish them.
const DEBIAN = ['12', '12.5', '12.5-slim', '12.6', '12.6-slim', '12.10-slim', '12-slim', '13.0-slim', '13-slim', 'latest', 'stable-slim',
  'bookworm', 'bookworm-slim', 'bookworm-20240110', 'bookworm-20240110-slim', 'bookworm-20240211-slim', 'trixie-slim', 'trixie-20250101-slim'];

test('parseTag: release, precision and flavour; codenames read as their release', () => {
  assert.deepEqual(parseTag('12.5-slim'), { tag: '12.5-slim', release: [12, 5], precision: 2, suffix: '-slim' });
  assert.deepEqual(parseTag('v3.19'), { tag: 'v3.19', release: [3, 19], precision: 2, suffix: '' });
  assert.deepEqual(parseTag('20-alpine3.19'), { tag: '20-alpine3.19', release: [20], precision: 1, suffix: '-alpine3.19' });
  assert.deepEqual(parseTag('bookworm-20240110-slim'), { tag: 'bookworm-20240110-slim', release: [12, 20240110], precision: 1, suffix: '-slim', codename: 'bookworm' });
  assert.deepEqual(parseTag('jammy'), { tag: 'jammy', release: [22, 4], precision: 0, suffix: '', codename: 'jammy' });
  assert.equal(parseTag('latest'), undefined);
  assert.equal(parseTag('stable-slim'), undefined);
});

test('candidates keep the flavour and the precision, never cross a major unless asked, newest first', () => {
  assert.deepEqual(candidateTags('12.5-slim', DEBIAN), ['12.5-slim', '12.10-slim', '12.6-slim']);
  assert.deepEqual(candidateTags('12.5-slim', DEBIAN, { allowMajor: true }), ['12.5-slim', '13.0-slim', '12.10-slim', '12.6-slim']);
  assert.deepEqual(candidateTags('12.5', DEBIAN), ['12.5', '12.6']);
  assert.deepEqual(candidateTags('12-slim', DEBIAN), ['12-slim']);
  assert.deepEqual(candidateTags('12-slim', DEBIAN, { allowMajor: true }), ['12-slim', '13-slim']);
  assert.deepEqual(candidateTags('12.5-slim', DEBIAN, { limit: 1 }), ['12.5-slim', '12.10-slim']);
});

test('Debian and Ubuntu codename tags: dated builds of one release; the next codename is a major', () => {
  assert.deepEqual(candidateTags('bookworm-20240110-slim', DEBIAN), ['bookworm-20240110-slim', 'bookworm-20240211-slim']);
  assert.deepEqual(candidateTags('bookworm-20240110-slim', DEBIAN, { allowMajor: true }), ['bookworm-20240110-slim', 'trixie-20250101-slim', 'bookworm-20240211-slim']);
  assert.deepEqual(candidateTags('bookworm-slim', DEBIAN), ['bookworm-slim']);
  assert.deepEqual(candidateTags('bookworm-slim', DEBIAN, { allowMajor: true }), ['bookworm-slim', 'trixie-slim']);
  const UBUNTU = ['jammy', 'jammy-20240111', 'jammy-20240227', 'noble', 'noble-20240423', '22.04', '24.04'];
  assert.deepEqual(candidateTags('jammy-20240111', UBUNTU), ['jammy-20240111', 'jammy-20240227']);
  assert.deepEqual(candidateTags('jammy', UBUNTU, { allowMajor: true }), ['jammy', 'noble']);
  assert.deepEqual(candidateTags('22.04', UBUNTU, { allowMajor: true }), ['22.04', '24.04']);
  assert.deepEqual(candidateTags('22.04', UBUNTU), ['22.04']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeywordMatcher } from './aho-corasick.js';

// Every occurrence, as a plain search finds them: case-insensitive, overlapping, sorted by end.
function reference(keywords: string[], text: string): [number, number][] {
  const low = text.toLowerCase();
  const out: [number, number][] = [];
  keywords.forEach((k, id) => {
    for (let at = low.indexOf(k); at >= 0; at = low.indexOf(k, at + 1)) out.push([at + k.length - 1, id]);
  });
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

const hitsOf = (m: KeywordMatcher) => Array.from({ length: m.hits.count }, (_, k) => [m.hits.ends[k], m.hits.ids[k]] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);

test('keyword hits, bytes and string, equal a plain search, also across the middle of big buffers', () => {
  const keywords = ['key', 'akia', 'ghp_', 'hp_x', 'private key', 'k', 'secret_key'];
  const m = new KeywordMatcher(keywords);
  // Sizes around the two-halves threshold, keywords planted at and around the middle.
  for (const size of [10, 4095, 4096, 4097, 10_000, 65_537]) {
    const chars: string[] = [];
    let seed = size;
    for (let i = 0; i < size; i++) chars.push('abcdefghijklmnopqrstuvwxyz _-'[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % 29]);
    const mid = size >> 1;
    for (const [at, k] of [[mid - 5, 'SECRET_KEY'], [mid + 8, 'AKIA'], [mid - 20, 'private key'], [1, 'ghp_x'], [size - 4, 'KEY']] as const) {
      for (let i = 0; i < k.length && at + i < size && at >= 0; i++) chars[at + i] = k[i];
    }
    const text = chars.join('');
    const want = reference(keywords, text);
    assert.deepEqual([...m.searchWithHits(Buffer.from(text))].sort(), [...new Set(want.map((w) => w[1]))].sort(), `ids, ${size}`);
    assert.deepEqual(hitsOf(m), want, `bytes, ${size}`);
    m.searchStringWithHits(text);
    assert.deepEqual(hitsOf(m), want, `string, ${size}`);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { join, relative } from 'node:path';
import { keywordLead, keywordLeadFromTree } from './keyword-lead.js';
import { builtinLeadsSource } from './tools/builtin-leads-source.js';
import { SecretScanner } from './scanner.js';
import { builtinRules } from './rules/index.js';

const testdata = join(import.meta.dirname, 'testdata');

test('keyword lead: proven bounds, and undefined where a match may hold no keyword', () => {
  const cases: [RegExp, string[], number | undefined][] = [
    [/ghp_[A-Za-z0-9]{36}/, ['ghp_'], 0],
    [/(?:api[_.-]?key|token)=\w+/i, ['key', 'token'], 4],
    [/[\w.-]{0,5}?secret=\w+/, ['secret'], 5],
    [/(?:postgres|bolt):\/\/\w+/, ['postgres', 'bolt://'], 0],
    [/(?<![\w.])s\.[A-Za-z0-9]{24}/, ['s.'], 0],
    [/[Kk][Ee][Yy]=\d+/, ['key'], 0],
    [/\bkey\b/, ['key'], 0],
    [/foo(?=key)/, ['key'], undefined],
    [/(?:key)?x/, ['key'], undefined],
    [/x+key/, ['key'], undefined],
    [/(?:key|pass)word/, ['key'], undefined],
    [/[^"]key/, ['key'], 1],
    [/(k)(e)y/, ['key'], 0],
    [/ke\u{79}/u, ['key'], 0],
    [/\w{2}(ab|cd)\1key/, ['key'], undefined],
    [new RegExp('\\w{2}(?:ab|cd)\\1key'), ['key'], 5], // no group 1: \1 is the character U+0001
  ];
  for (const [re, kws, want] of cases) assert.equal(keywordLead(re, kws), want, re.source);
});

test('the built-in rules\' table of leads is current (else: npx tsx src/secrets/tools/gen-builtin-leads.ts)', () => {
  assert.equal(readFileSync(join(import.meta.dirname, 'builtin-leads.ts'), 'utf8'), builtinLeadsSource(builtinRules));
  for (const r of builtinRules) assert.equal(keywordLead(r.regex, r.keywords), keywordLeadFromTree(r.regex, r.keywords), r.id);
});

test('most built-in rules have a keyword lead; the shortcut is used for them', () => {
  const anchored = builtinRules.filter((r) => keywordLead(r.regex, r.keywords) !== undefined);
  assert.ok(anchored.length >= 180, `only ${anchored.length} of ${builtinRules.length}`);
  for (const id of ['generic-api-key', 'database-connection-string', 'github-pat', 'aws-access-key-id', 'basic-auth-url']) assert.ok(anchored.some((r) => r.id === id), id);
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

test('matching near keywords finds exactly what matching everywhere finds (every corpus file, and all of them in one text)', () => {
  const fast = new SecretScanner();
  const slow = new SecretScanner({}, true);
  const all = files(testdata);
  let findings = 0;
  let ascii = 0;
  for (const f of all) {
    const buf = readFileSync(f);
    const path = relative(testdata, f);
    if (isAscii(buf)) ascii++;
    const want = slow.scan(path, buf);
    assert.deepEqual(fast.scan(path, buf), want, path);
    findings += want.length;
  }
  assert.ok(ascii > 1000 && findings > 500, `${ascii} ASCII files, ${findings} findings compared`);
  // Neighbouring matches of many rules in one text: the cursor must not skip or repeat any.
  const joined = Buffer.concat(all.map((f) => readFileSync(f)).filter((b) => isAscii(b) && !b.includes(0)).flatMap((b) => [b, Buffer.from('\n')]));
  const want = slow.scan('all.txt', joined);
  assert.ok(want.length > 300, `${want.length} findings in the joined text`);
  assert.deepEqual(fast.scan('all.txt', joined), want);
  // And with multi-byte text among them: keyword hits are then string offsets, not byte offsets.
  const mixed = Buffer.concat(all.map((f) => readFileSync(f)).filter((b) => !b.includes(0)).flatMap((b) => [b, Buffer.from('\nüñí©ødé ✓ 日本語\n')]));
  assert.ok(!isAscii(mixed));
  const wantMixed = slow.scan('mixed.txt', mixed);
  assert.ok(wantMixed.length > want.length, `${wantMixed.length} findings in the mixed text`);
  assert.deepEqual(fast.scan('mixed.txt', mixed), wantMixed);
});

test('a secret after multi-byte characters is found, on its line', () => {
  const text = Buffer.from('# Konfiguration für den Dienst — größere Änderungen ✓\n'.repeat(3) + 'GITHUB_TOKEN=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\n');
  const [f] = new SecretScanner().scan('app/.env', text);
  assert.equal(f?.id, 'github-pat');
  assert.equal(f.location.line, 4);
  assert.equal(f.code, 'GITHUB_TOKEN=ghp_****************');
});

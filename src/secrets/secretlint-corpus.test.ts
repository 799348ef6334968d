// The secretlint snapshot corpus (testdata/secretlint): every ng.* case's expected messages must be
// found (same line, by a rule whose aliases name secretlint's message id), no ok.* case may give a
// finding. A case's .secretlintrc.json is translated into our options (allow-lists, the AWS ID
// switch, custom "pattern" rules), as secretlint itself would apply it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { token } from './rules/define.js';
import { SecretScanner } from './scanner.js';
import type { SecretRule, SecretScanOptions } from './types.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'secretlint');

/** Rule packages that are not credential detection: documented as out of scope (docs/secrets.md). */
const OUT_OF_SCOPE: Record<string, string> = {
  'secretlint-rule-no-homedir': 'home-directory paths are a privacy lint, not a credential',
  'secretlint-rule-no-dotenv': 'flags the presence of a .env file; we scan its content instead',
  'secretlint-rule-no-k8s-kind-secret': 'Kubernetes Secret objects belong to the misconfig scanner (issue text)',
  'secretlint-rule-example': 'a demo rule that flags the word SECRET',
};
/** Single cases left out, with the reason. */
const CASE_OUT_OF_SCOPE: Record<string, string> = {
  'secretlint-rule-pattern/ng.patterns-and-pattern-error': 'tests a secretlint configuration error, expects no message',
};

interface Case {
  pkg: string;
  name: string;
  dir: string;
  file: string;
  virtualPath: string;
  expected: { line: number; messageId: string; ruleId: string }[];
  rc?: { rules: { id: string; options?: Record<string, unknown> }[] };
}

function loadCases(): Case[] {
  const cases: Case[] = [];
  for (const pkg of readdirSync(ROOT).sort()) {
    const pdir = join(ROOT, pkg);
    if (!statSync(pdir).isDirectory()) continue;
    for (const name of readdirSync(pdir).sort()) {
      const dir = join(pdir, name);
      if (!existsSync(join(dir, 'output.json'))) continue;
      const out = JSON.parse(readFileSync(join(dir, 'output.json'), 'utf8'));
      const expected = (Array.isArray(out) ? out : [out]).flatMap((r: { messages?: unknown[] }) => r.messages ?? []).map((m: any) => ({ line: m.loc.start.line, messageId: m.messageId, ruleId: m.ruleId }));
      let virtualPath: string | undefined;
      if (existsSync(join(dir, 'options.ts'))) virtualPath = /inputFilePath:\s*"([^"]+)"/.exec(readFileSync(join(dir, 'options.ts'), 'utf8'))?.[1];
      const file = virtualPath ?? readdirSync(dir).find((f) => f.startsWith('input'));
      if (!file || !existsSync(join(dir, file))) continue;
      const rcPath = join(dir, '.secretlintrc.json');
      const rc = existsSync(rcPath) ? JSON.parse(readFileSync(rcPath, 'utf8')) : undefined;
      cases.push({ pkg, name, dir, file, virtualPath: virtualPath ?? file, expected, rc });
    }
  }
  return cases;
}

const toRegExp = (s: string): RegExp => {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(s);
  return m ? new RegExp(m[1], m[2].replace('g', '')) : new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
};

/** secretlint's pattern rule as our custom rules: the same regexes, allow-lists and path globs. */
function patternRules(options: Record<string, unknown>): SecretRule[] {
  const globalAllows = ((options.allows as string[]) ?? []).map(toRegExp);
  return ((options.patterns as any[]) ?? []).flatMap((p, i) => {
    const sources: string[] = p.patterns ?? (p.pattern ? [p.pattern] : []);
    const allows = [...globalAllows, ...((p.allows as string[]) ?? []).map(toRegExp)];
    const globs: string[] = p.filePathGlobs ?? [];
    const pos = globs.filter((g) => !g.startsWith('!')).map((g) => picomatch(g, { dot: true }));
    const neg = globs.filter((g) => g.startsWith('!')).map((g) => picomatch(g.slice(1), { dot: true }));
    const pathFilter = globs.length ? (path: string) => (pos.length === 0 || pos.some((m) => m(path))) && !neg.some((m) => m(path)) : undefined;
    const regexes = sources.length ? sources.map(toRegExp) : [/^[\s\S]+/];
    return regexes.map((regex, j) => ({
      ...token({ id: `pattern-${i}-${j}`, title: p.name, service: 'custom', category: 'custom', keywords: [], regex, allowSecrets: allows, secretlint: 'PATTERN' }),
      pathFilter,
    }));
  });
}

/** The two test rules secretlint's filter-comments tests run with. */
const FILTER_COMMENT_RULES: SecretRule[] = [
  token({ id: 'secret-alphabet', title: 'alphabet', service: 'test', category: 'custom', keywords: ['secret'], regex: /SECRET [A-Z]/, secretlint: ['PATTERN', 'secretlint-rule-secret-alphabet'] }),
  token({ id: 'secret-number', title: 'number', service: 'test', category: 'custom', keywords: ['secret'], regex: /SECRET \d/, secretlint: ['PATTERN', 'secretlint-rule-secret-number'] }),
];

function optionsFor(c: Case): SecretScanOptions {
  const opts: SecretScanOptions = { extraRules: [], allowSecrets: [], enableRules: [], disableRules: [] };
  if (c.pkg === 'secretlint-rule-filter-comments') opts.extraRules!.push(...FILTER_COMMENT_RULES);
  for (const r of c.rc?.rules ?? []) {
    const o = r.options ?? {};
    if (r.id.endsWith('secretlint-rule-pattern')) {
      opts.extraRules!.push(...patternRules(o));
      continue;
    }
    if (Array.isArray(o.allows)) opts.allowSecrets!.push(...(o.allows as string[]).map(toRegExp));
    if (o.enableIDScanRule === true) opts.enableRules!.push('aws-account-id');
    if (o.enableIDScanRule === false) opts.disableRules!.push('aws-access-key-id', 'aws-account-id');
  }
  return opts;
}

const inScope = (c: Case) => !OUT_OF_SCOPE[c.pkg] && !CASE_OUT_OF_SCOPE[`${c.pkg}/${c.name}`];
/** Cases with expected messages must be found; cases without must stay silent, except the few ng.* ones whose expected output is empty. */
const isNg = (c: Case) => c.expected.length > 0;
const isNeutral = (c: Case) => c.expected.length === 0 && c.name.startsWith('ng.');

function run(c: Case) {
  return new SecretScanner(optionsFor(c)).scan(c.virtualPath, readFileSync(join(c.dir, c.file)));
}

const cases = loadCases();

test('the corpus is all there (copied fixtures, not the shared folder)', () => {
  assert.equal(cases.length, 151);
  assert.deepEqual([cases.filter(isNg).length, cases.filter(isNeutral).length, cases.filter((c) => !isNg(c) && !isNeutral(c)).length], [80, 4, 67]);
});

for (const c of cases.filter(inScope)) {
  if (isNeutral(c)) continue;
  if (isNg(c)) {
    test(`secretlint ${c.pkg.replace('secretlint-rule-', '')}/${c.name}: every expected line is found`, () => {
      const got = run(c);
      const missing = c.expected.filter((e) => {
        const msg = e.messageId;
        const plugin = e.ruleId.replace('@secretlint/secretlint-rule-', '');
        return !got.some((f) => f.location.line === e.line && f.aliases.some((a) => a === `secretlint/${msg}` || a === `secretlint/secretlint-rule-${plugin}`));
      });
      assert.deepEqual(missing, [], `missing ${JSON.stringify(missing)}; got ${got.map((f) => `${f.location.line}:${f.id}`).join(' ')}`);
    });
  } else {
    test(`secretlint ${c.pkg.replace('secretlint-rule-', '')}/${c.name}: nothing is reported`, () => {
      const got = run(c);
      assert.deepEqual(got.map((f) => `${f.location.line}:${f.id}:${f.match}`), []);
    });
  }
}

test('secretlint corpus figures: recall over ng messages, false positives over ok cases', (t) => {
  let expected = 0;
  let found = 0;
  let okCases = 0;
  let okFlagged = 0;
  for (const c of cases) {
    const got = inScope(c) ? run(c) : [];
    if (isNg(c)) {
      for (const e of c.expected) {
        expected++;
        if (got.some((f) => f.location.line === e.line)) found++;
        else t.diagnostic(`missed ${c.pkg}/${c.name} line ${e.line} (${e.messageId})`);
      }
    } else if (!isNeutral(c)) {
      okCases++;
      if (got.length) okFlagged++;
    }
  }
  t.diagnostic(`recall ${found}/${expected} = ${((100 * found) / expected).toFixed(1)}% (all packages, out-of-scope ones count as misses); ok cases flagged ${okFlagged}/${okCases}`);
  // Every in-scope message is found; the 6 misses belong to out-of-scope packages.
  assert.equal(okFlagged, 0);
  assert.equal(okCases, 67);
  assert.equal(expected, 138);
  assert.equal(found, 132);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConditionSyntaxError, macroRefs, parseCondition } from './parser.js';
import { globToRegExp, pathPrefixPredicate } from './ops.js';

test('precedence: not > and > or; macros are bare identifiers', () => {
  const ast = parseCondition('a or not b and ka.verb=create');
  assert.equal(ast.kind, 'or');
  if (ast.kind !== 'or') return;
  assert.deepEqual(ast.items[0], { kind: 'macro', name: 'a', pos: 0 });
  assert.equal(ast.items[1].kind, 'and');
  assert.deepEqual([...macroRefs(ast)].sort(), ['a', 'b']);
});

test('checks: operators, quoted and bare values, lists, field args, transformers, val()', () => {
  const c = parseCondition(`jevt.value[/annotations/authorization.k8s.io~1decision] = "allow" and ka.target.name!='system:coredns'`);
  assert.equal(c.kind, 'and');
  if (c.kind !== 'and') return;
  const [a, b] = c.items;
  assert.ok(a.kind === 'check' && b.kind === 'check');
  if (a.kind !== 'check' || b.kind !== 'check') return;
  assert.equal(a.field.name, 'jevt.value');
  assert.equal(a.field.arg, '/annotations/authorization.k8s.io~1decision');
  assert.deepEqual(a.value, { kind: 'lit', value: 'allow', quoted: true, pos: 58 });
  assert.equal(b.op, '!=');
  assert.equal(b.value?.kind === 'lit' && b.value.value, 'system:coredns');

  const l = parseCondition('ka.verb in (create, "up date", k8s_audit_stages)');
  assert.ok(l.kind === 'check' && l.op === 'in');
  if (l.kind === 'check') assert.deepEqual(l.list?.map((o) => (o.kind === 'lit' ? o.value : '')), ['create', 'up date', 'k8s_audit_stages']);

  const bare = parseCondition('proc.name in shell_binaries');
  assert.ok(bare.kind === 'check' && bare.listName === true);

  const t = parseCondition('tolower(basename(fd.name)) = val(proc.name)');
  assert.ok(t.kind === 'check');
  if (t.kind === 'check') {
    assert.deepEqual(t.field.transformers, ['basename', 'tolower']);
    assert.equal(t.value?.kind, 'fieldval');
  }
  const ex = parseCondition('ka.target.subresource exists');
  assert.ok(ex.kind === 'check' && ex.op === 'exists' && ex.value === undefined);
  assert.ok(parseCondition('ka.verb==create').kind === 'check');
  assert.ok(parseCondition('notacheck').kind === 'macro');
});

test('syntax errors carry the offset', () => {
  const cases: [string, RegExp, number][] = [
    ['ka.verb = ', /expected a value/, 10],
    ['(ka.verb = create', /expected "\)"/, 17],
    ['ka.verb create', /expected an operator/, 8],
    ['ka.verb in (a b)', /expected "," or "\)"/, 14],
    ['ka.verb = "open', /unterminated quoted string/, 10],
    ['and x', /unexpected "and"/, 0],
    ['', /empty condition/, 0],
    ['a b', /unexpected "b"/, 2],
    ['jevt.value[/x = 1', /unterminated field argument/, 11],
  ];
  for (const [text, re, pos] of cases) {
    try {
      parseCondition(text);
      assert.fail(`no error for ${text}`);
    } catch (e) {
      assert.ok(e instanceof ConditionSyntaxError, String(e));
      assert.match(e.message, re, text);
      assert.equal(e.pos, pos, text);
    }
  }
});

test('glob follows fnmatch without FNM_PATHNAME; pmatch is a path-prefix match', () => {
  assert.ok(globToRegExp('/etc/*').test('/etc/a/b'));
  assert.ok(globToRegExp('file?.[ch]').test('file1.c'));
  assert.ok(!globToRegExp('file?.[!ch]').test('file1.c'));
  assert.ok(globToRegExp('A*', true).test('abc'));
  assert.ok(!globToRegExp('a.c').test('abc'));
  const p = pathPrefixPredicate(['/etc', '/var/run/']);
  assert.deepEqual(['/etc', '/etc/passwd', '/etcx', '/var/run/docker.sock', '/var'].map(p), [true, true, false, true, false]);
});

test('fuzz: random conditions fail only with ConditionSyntaxError, never another exception', () => {
  // Deterministic PRNG (mulberry32) so failures reproduce.
  let seed = 0x5eed;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const tokens = ['ka.verb', 'jevt.value[/a]', 'x', '(', ')', ',', 'and', 'or', 'not', '=', '!=', 'in', 'exists', 'contains', '"q"', "'", '"', '[', ']', 'val(', 'tolower(', 'create', ' ', '\n', '<=', 'pmatch', 'a.b[', '\\'];
  let parsed = 0;
  for (let i = 0; i < 3000; i++) {
    const n = 1 + Math.floor(rnd() * 8);
    let s = '';
    for (let j = 0; j < n; j++) s += tokens[Math.floor(rnd() * tokens.length)] + (rnd() < 0.5 ? ' ' : '');
    try {
      parseCondition(s);
      parsed++;
    } catch (e) {
      assert.ok(e instanceof ConditionSyntaxError, `${JSON.stringify(s)} threw ${e}`);
      assert.ok(e.pos >= 0 && e.pos <= s.length, `position in range for ${JSON.stringify(s)}`);
    }
  }
  assert.ok(parsed > 50, `some random inputs parse (${parsed})`);
});

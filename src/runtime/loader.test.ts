import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoastguardError, ExitCode } from '../core/errors.js';
import { RuntimeEngine } from './engine.js';
import { decodeValue } from './events.js';
import type { JsonEvent } from './fields/types.js';
import { compareVersions } from './loader.js';

const here = dirname(fileURLToPath(import.meta.url));
const td = (...p: string[]) => join(here, 'testdata', ...p);

const K8S_RULES = td('upstream', 'k8saudit', 'k8s_audit_rules.yaml');
const SYSCALL_RULES = td('upstream', 'falco-rules', 'falco_rules.yaml');

function event(extra: Record<string, unknown> = {}): JsonEvent {
  const obj = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    stage: 'ResponseComplete',
    stageTimestamp: '2024-01-02T03:04:05.123456Z',
    verb: 'create',
    user: { username: 'alice', groups: ['dev', 'system:authenticated'] },
    objectRef: { resource: 'pods', namespace: 'default', name: 'web' },
    requestURI: '/api/v1/namespaces/default/pods?dryRun=All',
    responseStatus: { code: 201 },
    requestObject: { spec: { containers: [{ image: 'nginx:1.25', securityContext: { privileged: true } }, { image: 'redis@sha256:abc' }] } },
    ...extra,
  };
  return decodeValue(obj).events[0];
}

function engineOf(yaml: string, opts = {}): RuntimeEngine {
  return RuntimeEngine.fromTexts([{ path: 'r.yaml', text: yaml }], opts);
}

function configFailure(yaml: string | { path: string; text: string }[]): CoastguardError {
  try {
    if (typeof yaml === 'string') engineOf(yaml);
    else RuntimeEngine.fromTexts(yaml);
  } catch (e) {
    assert.ok(e instanceof CoastguardError, `expected CoastguardError, got ${e}`);
    assert.equal(e.exitCode, ExitCode.CONFIG);
    return e;
  }
  assert.fail('expected a CONFIG error');
}

const rule = (name: string, cond: string, extra = '') =>
  `- rule: ${name}\n  desc: d\n  condition: ${cond}\n  output: "o %ka.user.name"\n  priority: WARNING\n  source: k8s_audit\n${extra}`;

test('current upstream k8s_audit_rules.yaml and falco_rules.yaml load unmodified', () => {
  const eng = RuntimeEngine.fromFiles([SYSCALL_RULES, K8S_RULES]);
  const s = eng.summary;
  assert.equal(s.rulesLoaded, 48);
  assert.equal(s.rulesEnabled, 48);
  assert.equal(s.skipped.length, 25);
  assert.ok(s.skipped.every((k) => k.source === 'syscall' && k.reason.startsWith('loaded and syntax-checked; not evaluated')));
  assert.ok(s.skipped.some((k) => k.rule === 'Terminal shell in container'));
  assert.deepEqual(s.warnings, []);
  assert.equal(s.notes.filter((n) => n.includes('required_plugin_versions')).length, 2);
});

test('the older upstream rules (legacy cases) load too', () => {
  const eng = RuntimeEngine.fromFiles([td('legacy', 'upstream-rules', 'falco_rules.yaml'), td('legacy', 'upstream-rules', 'k8s_audit_rules.yaml')]);
  assert.equal(eng.summary.rulesLoaded, 43);
  assert.equal(eng.summary.skipped.length, 80);
});

test('syntax errors in k8s_audit rules name file, line, rule and column', () => {
  const e = configFailure(`- macro: m\n  condition: ka.verb=create\n${rule('Bad', 'm and (ka.verb = create')}`);
  assert.equal(e.message, 'invalid rule: condition: expected ")" but found "<end>" at column 24: r.yaml:5:37: rule "Bad"');
});

test('unknown fields, macros and argument misuse are CONFIG errors', () => {
  assert.match(configFailure(rule('U', 'ka.nope = x')).message, /unknown field "ka\.nope" for source k8s_audit at column 1: r\.yaml:3:14: rule "U"/);
  assert.match(configFailure(rule('M', 'ka.verb=create and nomacro')).message, /undefined macro "nomacro" at column 20/);
  assert.match(configFailure(rule('A', 'ka.uri.param exists')).message, /field "ka\.uri\.param" requires an argument/);
  assert.match(configFailure(`- macro: a\n  condition: b\n- macro: b\n  condition: a\n${rule('L', 'a')}`).message, /macro loop: a -> b -> a/);
  const inMacro = configFailure(`- macro: m\n  condition: ka.bogus exists\n${rule('R', 'ka.verb=create and m')}`);
  assert.match(inMacro.message, /in macro "m" \(r\.yaml:2:14\): unknown field "ka\.bogus" for source k8s_audit at column 1 at column 20/);
  assert.match(configFailure(`- rule: O\n  desc: d\n  condition: ka.verb=x\n  output: "%ka.nothing here"\n  priority: INFO\n  source: k8s_audit\n`).message, /output: unknown field "ka\.nothing"/);
});

test('bad rules files: YAML errors, missing keys, priorities, engine version', () => {
  assert.match(configFailure('- rule: [unclosed\n').message, /not valid YAML.*r\.yaml:\d+:\d+/);
  assert.match(configFailure('- rule: X\n  desc: d\n  condition: ka.verb=x\n  priority: INFO\n').message, /rule "X" has no "output": r\.yaml:1:3/);
  assert.match(configFailure('- rule: X\n  desc: d\n  condition: ka.verb=x\n  output: o\n  priority: LOUD\n').message, /invalid priority "LOUD"/);
  assert.match(configFailure('- required_engine_version: 9999999\n').message, /rules require engine version 9999999/);
  assert.match(configFailure('- list: l\n').message, /list "l" has no "items"/);
  assert.match(configFailure('- macro: m\n  condition: x\n  append: true\n').message, /append to a macro that is not defined/);
  assert.match(configFailure('- rule: nope\n  condition: and x\n  append: true\n').message, /append to a rule that is not defined/);
  assert.match(configFailure('{a: 1}\n').message, /not a YAML sequence/);
  assert.match(configFailure('- 42\n').message, /not a YAML mapping/);
  assert.equal(compareVersions('0.57.0', '57'), 0);
  assert.ok(compareVersions('0.31.0', '0.57.0') < 0);
});

test('syscall rules with errors are reported as skipped, never fatal', () => {
  const eng = engineOf(`- rule: S\n  desc: d\n  condition: evt.type=open and (\n  output: o\n  priority: INFO\n`);
  assert.equal(eng.summary.skipped.length, 1);
  assert.match(eng.summary.skipped[0].reason, /not evaluated: condition: .*column/);
});

test('lists, nested lists, list append/override, macro override, rule append, enabled toggles', () => {
  const yaml = `
- list: inner
  items: [alice]
- list: users
  items: [inner, bob]
- list: users
  items: [carol]
  append: true
- macro: is_create
  condition: ka.verb=delete
- macro: is_create
  condition: ka.verb=create
${rule('User rule', 'is_create and ka.user.name in (users)')}
- rule: Off rule
  desc: d
  condition: ka.verb=create
  output: off
  priority: INFO
  source: k8s_audit
  enabled: false
- rule: User rule
  condition: and ka.target.resource=pods
  append: true
- rule: Toggle
  desc: d
  condition: ka.verb=create
  output: toggled
  priority: ERROR
  source: k8s_audit
  enabled: false
- rule: Toggle
  enabled: true
`;
  const eng = engineOf(yaml, { ruleMatching: 'all' });
  assert.deepEqual(eng.process(event()).map((a) => a.rule), ['User rule', 'Toggle']);
  assert.deepEqual(eng.process(event({ user: { username: 'dave' } })).map((a) => a.rule), ['Toggle']);
  assert.deepEqual(eng.process(event({ objectRef: { resource: 'secrets' } })).map((a) => a.rule), ['Toggle']);
  const replaced = engineOf(`${yaml}\n- list: users\n  items: [dave]\n  override:\n    items: replace\n`, { ruleMatching: 'all' });
  assert.deepEqual(replaced.process(event({ user: { username: 'dave' } })).map((a) => a.rule), ['User rule', 'Toggle']);
  assert.deepEqual(replaced.process(event()).map((a) => a.rule), ['Toggle']);
});

test('override: condition append, priority/output replace; first-match keeps definition order', () => {
  const yaml = `${rule('A', 'ka.verb=create')}${rule('B', 'ka.verb=create')}
- rule: A
  condition: and ka.user.name=bob
  priority: DEBUG
  output: "replaced %ka.verb"
  override:
    condition: append
    priority: replace
    output: replace
`;
  const eng = engineOf(yaml);
  assert.deepEqual(eng.process(event()).map((a) => a.rule), ['B']);
  const bob = eng.process(event({ user: { username: 'bob' } }));
  assert.deepEqual(bob.map((a) => [a.rule, a.priority, a.output]), [['A', 'Debug', '03:04:05.123456000: Debug replaced create']]);
  assert.match(configFailure(`${rule('A', 'ka.verb=x')}- rule: A\n  priority: INFO\n  override:\n    priority: append\n`).message, /key "priority" cannot be appended/);
});

test('exceptions: single-field and tuple forms, comps, list names, append of values', () => {
  const yaml = `
- list: trusted_images
  items: [nginx]
${rule(
  'Priv',
  'ka.req.pod.containers.privileged intersects (true)',
  `  exceptions:
    - name: by_user
      fields: ka.user.name
      values: [root, admin]
    - name: by_ns_and_image
      fields: [ka.target.namespace, ka.req.pod.containers.image.repository]
      comps: [=, in]
      values:
        - [kube-system, trusted_images]
`,
)}
- rule: Priv
  exceptions:
    - name: by_user
      values: [alice]
  append: true
`;
  const eng = engineOf(yaml);
  assert.equal(eng.process(event({ user: { username: 'bob' } })).length, 1);
  assert.equal(eng.process(event()).length, 0, 'alice was appended to by_user');
  const ks = { objectRef: { resource: 'pods', namespace: 'kube-system' }, user: { username: 'bob' } };
  assert.equal(eng.process(event({ ...ks, requestObject: { spec: { containers: [{ image: 'nginx:1', securityContext: { privileged: true } }] } } })).length, 0);
  assert.equal(eng.process(event(ks)).length, 1, 'redis is not a trusted image');
  assert.match(
    configFailure(`${rule('E', 'ka.verb=x', '  exceptions:\n    - name: e\n      fields: [ka.verb, ka.uri]\n      comps: [=]\n')}`).message,
    /fields and comps lists must have the same length/,
  );
  assert.match(configFailure(`${rule('E', 'ka.verb=x', '  exceptions:\n    - fields: [ka.verb]\n')}`).message, /exception #1 has no name/);
  assert.match(
    configFailure(`${rule('E', 'ka.verb=x', '  exceptions:\n    - name: e\n      fields: [ka.verb, ka.uri]\n      values: [[a]]\n')}`).message,
    /each value must be a list of 2 items/,
  );
});

test('operators on scalar and list fields, transformers, val(), json pointers', () => {
  const cases: [string, boolean][] = [
    ['ka.verb = create', true],
    ['ka.verb != create', false],
    ['ka.user.name icontains ALI', true],
    ['ka.uri startswith /api/v1 and ka.uri endswith All', true],
    ['ka.uri contains "namespaces/default"', true],
    ['ka.uri glob "/api/*/pods?dryRun=*"', true],
    ['ka.uri glob "/api/v1/[nx]amespaces/*"', true],
    ['ka.uri pmatch (/api/v1)', true],
    ['ka.uri pmatch (/api/v2, /apis)', false],
    ['ka.response.code >= 200 and ka.response.code < 300', true],
    ['ka.user.groups in (dev, system:authenticated)', true],
    ['ka.user.groups in (dev)', false],
    ['ka.user.groups intersects (dev)', true],
    ['ka.user.groups exists', true],
    ['ka.impuser.name exists', false],
    ['not ka.impuser.name = x', true],
    ['ka.impuser.name != x', false],
    ['ka.req.pod.containers.image.repository in (nginx, redis)', true],
    // `=` on a list field: Falco accepts only exists/in/intersects there; we match any element (and warn).
    ['ka.req.pod.containers.image[1] = redis@sha256:abc', true],
    ['ka.req.pod.containers.image = nginx', false],
    ['ka.req.pod.containers.image[1] in (redis@sha256:abc)', true],
    ['ka.req.pod.containers.privileged intersects (true)', true],
    ['ka.req.pod.containers.privileged in (true)', true],
    ['ka.req.container.image = "nginx:1.25"', true],
    ['ka.req.container.privileged = true', true],
    ['toupper(ka.verb) = CREATE', true],
    ['ka.target.namespace = val(ka.target.namespace)', true],
    ['ka.verb = val(ka.user.name)', false],
    ['jevt.value[/user/groups/1] = "system:authenticated"', true],
    ['jevt.value[/responseStatus/code] = 201', true],
    ['jevt.value[/objectRef] = \'{"resource":"pods","namespace":"default","name":"web"}\'', true],
    ['jevt.value[/nope] exists', false],
    ['ka.uri.param[dryRun] = All', true],
    ['ka.verb in ()', false],
    ['ka.verb regex "cr.*e"', true],
    ['(ka.verb=create or ka.verb=delete) and not (ka.user.name=bob)', true],
    ['ka.verb=update or ka.verb=create and ka.user.name=bob', false],
  ];
  for (const [cond, want] of cases) {
    const eng = engineOf(rule('T', cond.includes(':') || cond.includes('"') || cond.includes("'") ? JSON.stringify(cond) : cond));
    assert.equal(eng.process(event()).length === 1, want, cond);
  }
  const warned = engineOf(rule('W', 'ka.user.groups contains dev'));
  assert.deepEqual(warned.summary.warnings, [
    'list field "ka.user.groups" used with "contains": evaluated as "any element matches" (Falco supports only exists, in, intersects on list fields)',
  ]);
});

test('unparseable macros no k8s_audit rule uses are reported as warnings', () => {
  const eng = engineOf(`- macro: broken\n  condition: evt.type=execve foo\n${rule('Fine', 'ka.verb=create')}`);
  assert.deepEqual(eng.summary.warnings, ['macro "broken" (r.yaml:2:14): unexpected "foo" at column 17; no k8s_audit rule uses it']);
  assert.equal(eng.process(event()).length, 1);
});

test('fuzz: random rules either compile or fail with a CONFIG error, and evaluate without throwing', () => {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const fields = ['ka.verb', 'ka.user.groups', 'ka.req.pod.containers.image', 'jevt.value[/user]', 'ka.uri.param[dryRun]', 'ka.nope', 'toupper(ka.verb)', 'len(ka.user.groups)'];
  const ops = ['=', '!=', '<', 'contains', 'icontains', 'glob', 'pmatch', 'in', 'intersects', 'exists', 'regex', 'startswith'];
  const vals = ['create', '"a b"', '(create, x)', '()', '"[unclosed"', 'val(ka.verb)', '(inner_list)', '*'];
  let compiled = 0;
  for (let i = 0; i < 400; i++) {
    const parts: string[] = [];
    const n = 1 + Math.floor(rnd() * 3);
    for (let j = 0; j < n; j++) {
      const op = ops[Math.floor(rnd() * ops.length)];
      parts.push(`${rnd() < 0.3 ? 'not ' : ''}${fields[Math.floor(rnd() * fields.length)]} ${op}${op === 'exists' ? '' : ' ' + vals[Math.floor(rnd() * vals.length)]}`);
    }
    const cond = parts.join(rnd() < 0.5 ? ' and ' : ' or ');
    let eng: RuntimeEngine;
    try {
      eng = engineOf(`- list: inner_list\n  items: [create]\n${rule('F', JSON.stringify(cond))}`);
    } catch (e) {
      assert.ok(e instanceof CoastguardError && e.exitCode === ExitCode.CONFIG, `${cond}: ${e}`);
      continue;
    }
    compiled++;
    eng.process(event());
  }
  assert.ok(compiled > 100, `compiled ${compiled}`);
});

test('bad exception fields and comps are CONFIG errors', () => {
  assert.match(configFailure(rule('E', 'ka.verb=x', '  exceptions:\n    - name: e\n      fields: [ka verb]\n      values: [[a]]\n')).message, /invalid exception field "ka verb": r\.yaml:3:14: rule "E"/);
  assert.match(configFailure(rule('E', 'ka.verb=x', '  exceptions:\n    - name: e\n      fields: [ka.verb]\n      comps: [nope]\n      values: [[a]]\n')).message, /exception comparison operator "nope" is not supported/);
});

test('tag and name filters choose which rules run', () => {
  const yaml = `${rule('A', 'ka.verb=create', '  tags: [k8s, noisy]\n')}${rule('B', 'ka.verb=create', '  tags: [k8s]\n')}${rule('C', 'ka.verb=create', '  tags: [other]\n')}`;
  const names = (opts: object) => RuntimeEngine.fromTexts([{ path: 'r.yaml', text: yaml }], { ruleMatching: 'all', ...opts }).process(event()).map((a) => a.rule);
  assert.deepEqual(names({}), ['A', 'B', 'C']);
  assert.deepEqual(names({ enableTags: ['k8s'] }), ['A', 'B']);
  assert.deepEqual(names({ disableTags: ['noisy'] }), ['B', 'C']);
  assert.deepEqual(names({ enableTags: ['k8s'], disableRules: ['B'] }), ['A']);
  assert.deepEqual(names({ minPriority: 'ERROR' }), []);
});

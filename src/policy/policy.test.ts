import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoastguardError, ExitCode } from '../core/index.js';
import { sampleResult } from '../../test/fixtures/report/sample-result.js';
import { applyPolicy, emptyPolicy, kubernetesObjects, loadPolicy, loadVex, parseImageRef } from './index.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/policy/', import.meta.url));
const NOW = new Date('2026-11-25T12:00:00Z');
const tmp = () => mkdtempSync(join(tmpdir(), 'cg-policy-'));

/** Writes a policy file and loads it (returns the error when it does not load). */
function policyFrom(text: string) {
  const dir = tmp();
  writeFileSync(join(dir, '.coastguard.yaml'), text);
  return { dir, file: join(dir, '.coastguard.yaml'), load: () => loadPolicy(undefined, dir) };
}

function configFailure(fn: () => unknown): CoastguardError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CoastguardError, `not a CoastguardError: ${(e as Error).stack}`);
    assert.equal(e.exitCode, ExitCode.CONFIG);
    assert.ok(!e.message.includes('\n'), 'one line');
    return e;
  }
  assert.fail('expected a config error');
}

test('no policy file: defaults; --config that does not exist is a config error', () => {
  const dir = tmp();
  assert.deepEqual(loadPolicy(undefined, dir), emptyPolicy());
  const e = configFailure(() => loadPolicy('nope.yaml', dir));
  assert.equal(e.message, `cannot read policy file (no such file): ${join(dir, 'nope.yaml')}`);
});

test('malformed policy files name the file, the line and what is wrong', () => {
  const cases: [string, string][] = [
    ['severity: [HIGH]\nignore:\n  - id: CVE-1\n   reason: x\n', ':4'],
    ['severity: [HIGH]\nexit-code: 1\nseverty: [LOW]\n', ':3'],
    ['ignore:\n  - id: CVE-2026-107364\n    reason: fine\n  - id: CVE-2026-107884\n    expires: 2027-01-01\n', ':4'],
    ['ignore:\n  - id: CVE-2026-107364\n    reason: ok\n    expires: next tuesday\n', ':4'],
    ['severity: [HIGH, SEVERE]\n', ':1'],
    ['exit-code: "three"\n', ':1'],
    ['policies:\n  - id: P1\n    message: m\n    deny: "finding.severity == "\n', ':4'],
    ['policies:\n  - id: P1\n    on: pods\n    deny: "true"\n    message: m\n', ':3'],
    ['base-image:\n  max-age-days: -3\n', ':2'],
    ['policies:\n  - id: P1\n    deny: "true"\n    message: a\n  - id: P1\n    deny: "false"\n    message: b\n', ':5'],
  ];
  const messages = cases.map(([text, line]) => {
    const p = policyFrom(text);
    const e = configFailure(p.load);
    assert.ok(e.message.endsWith(`${p.file}${line}`), `${e.message} should end with ${line}`);
    return e.message.slice(0, e.message.indexOf(': ' + p.file));
  });
  assert.deepEqual(messages, [
    messages[0], // YAML's own wording for the indentation error
    'invalid policy file: severty: unknown key "severty"',
    'invalid policy file: ignore[1].reason: is required',
    'invalid policy file: ignore[0].expires: must be a date such as 2026-12-31',
    'invalid policy file: severity[1]: must be one of UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL',
    'invalid policy file: exit-code: must be a number',
    messages[6],
    'invalid policy file: policies[0].on: must be one of finding, kubernetes, image',
    'invalid policy file: base-image.max-age-days: must be positive',
    'invalid policy file: policies[1].id: duplicate id "P1"',
  ]);
  assert.match(messages[0], /^invalid policy file: /);
  assert.match(messages[6], /^invalid policy file: policies\[0\]\.deny: CEL: /);
});

test('the gate: N only when findings remain, 0 when clean', () => {
  const r = sampleResult();
  assert.equal(applyPolicy(r, emptyPolicy(), { exitCode: 3, now: NOW }).exitCode, 3);
  assert.equal(applyPolicy(r, emptyPolicy(), { now: NOW }).exitCode, 0); // default --exit-code 0
  const clean = { ...r, findings: [] };
  assert.equal(applyPolicy(clean, emptyPolicy(), { exitCode: 3, now: NOW }).exitCode, 0);
  // Severity threshold: the sample has no CRITICAL findings, 2 MEDIUM.
  const crit = applyPolicy(r, emptyPolicy(), { exitCode: 3, severities: ['CRITICAL'], now: NOW });
  assert.equal(crit.result.findings.length, 0);
  assert.equal(crit.exitCode, 0);
  const med = applyPolicy(r, emptyPolicy(), { exitCode: 3, severities: ['MEDIUM'], now: NOW });
  assert.deepEqual(med.result.findings.map((f) => f.id).sort(), ['GHSA-c2qf-rxjj-qqgw', 'KSV-0012']);
  assert.equal(med.exitCode, 3);
  // --ignore-unfixed keeps these: every sample vulnerability has a fix.
  assert.equal(applyPolicy(r, emptyPolicy(), { ignoreUnfixed: true, now: NOW }).result.findings.length, 78);
  const unfixed = { ...r, findings: r.findings.map((f) => (f.id === 'CVE-2026-107364' ? { ...f, fixedVersion: undefined, status: 'affected' } : f)) };
  assert.equal(applyPolicy(unfixed, emptyPolicy(), { ignoreUnfixed: true, now: NOW }).result.findings.length, 74);
});

test('ignores: a future expiry hides, a past one does not and warns; paths, purls and rules narrow', () => {
  const p = policyFrom(
    [
      'ignore:',
      '  - id: CVE-2020-8203',
      '    reason: not reachable',
      '    expires: 2099-01-01',
      '  - id: CVE-2026-107884',
      '    purls: [pkg:deb/debian/libkrb5-3]',
      '    reason: accepted until rebuild',
      '    expires: 2026-11-24',
      '  - id: CVE-2026-119079',
      '    purls: ["pkg:deb/debian/libkrb5-3?arch=amd64", pkg:deb/debian/libk5crypto3@1.21.3-5+deb13u1]',
      '    reason: two of four',
      '  - rules: [DS-0026, DS002]',
      '    paths: ["Dockerfile"]',
      '    reason: healthcheck and user come from the platform',
      '',
    ].join('\n'),
  );
  const out = applyPolicy(sampleResult(), p.load(), { exitCode: 1, now: NOW });
  const hidden = out.result.suppressed!.map((s) => `${s.finding.id} ${(s.finding.package as { name?: string })?.name ?? s.finding.location.path}`);
  assert.deepEqual(hidden, [
    'CVE-2026-119079 libk5crypto3',
    'CVE-2026-119079 libkrb5-3',
    'GHSA-p6mc-m468-83gw lodash',
    'DS-0026 Dockerfile',
    'DS-0002 Dockerfile',
  ]);
  assert.equal(out.result.suppressed![2].reason, 'not reachable (until 2099-01-01)');
  assert.equal(out.result.suppressed![2].by, `ignore ${p.file}:2`);
  assert.equal(out.result.findings.length, 73);
  assert.ok(out.result.findings.some((f) => f.id === 'CVE-2026-107884' && (f.package as { name: string }).name === 'libkrb5-3'));
  assert.deepEqual(out.warnings, [
    { what: 'ignore entry for CVE-2026-107884 expired on 2026-11-24: it no longer hides findings', where: `${p.file}:5` },
  ]);
  assert.deepEqual(out.result.warnings, out.warnings);
  // Valid through the day named: on 2026-11-24 itself the entry still hides.
  const sameDay = applyPolicy(sampleResult(), p.load(), { now: new Date('2026-11-24T23:59:00Z') });
  assert.equal(sameDay.warnings.length, 0);
  assert.equal(sameDay.result.suppressed!.length, 6);
  // An ignore that hides the only finding turns the gate to 0.
  const one = { ...sampleResult(), findings: sampleResult().findings.filter((f) => f.id === 'GHSA-p6mc-m468-83gw') };
  assert.equal(applyPolicy(one, p.load(), { exitCode: 4, now: NOW }).exitCode, 0);
  assert.equal(applyPolicy(one, emptyPolicy(), { exitCode: 4, now: NOW }).exitCode, 4);
});

test('VEX: OpenVEX and CycloneDX not_affected remove their findings, affected/in_triage do not', () => {
  const vex = loadVex([join(fixtures, 'vex/krb5.openvex.json'), join(fixtures, 'vex/lodash.cdx-vex.json')]);
  assert.equal(vex.length, 4);
  const r = sampleResult();
  const out = applyPolicy(r, emptyPolicy(), { vex, exitCode: 2, now: NOW });
  const hidden = out.result.suppressed!.map((s) => `${s.finding.id} ${(s.finding.package as { name: string }).name} ${s.by.replace(fixtures, '')}`);
  assert.deepEqual(hidden, [
    'CVE-2026-107364 libk5crypto3 vex vex/krb5.openvex.json:8', // image product with subcomponent
    'CVE-2026-107364 libkrb5support0 vex vex/krb5.openvex.json:8', // purl with qualifier
    'GHSA-p6mc-m468-83gw lodash vex vex/lodash.cdx-vex.json:9', // by alias CVE-2020-8203, bom-ref resolved
  ]);
  assert.equal(out.result.suppressed![0].reason, 'not_affected: vulnerable_code_not_in_execute_path: The API never calls the Kerberos code paths.');
  assert.equal(out.result.findings.length, 75);
  assert.equal(out.exitCode, 2);
  // VEX-suppressed vulnerabilities keep their analysis for the CycloneDX writer.
  assert.equal((out.result.suppressed![2].finding.vex as { status: string }).status, 'not_affected');
  // A single-finding image whose only finding is not_affected passes the gate.
  const one = { ...r, findings: r.findings.filter((f) => f.id === 'CVE-2026-107364' && (f.package as { name: string }).name === 'libk5crypto3') };
  assert.equal(applyPolicy(one, emptyPolicy(), { vex, exitCode: 2, now: NOW }).exitCode, 0);
});

test('malformed VEX names the file and line', () => {
  const msg = (f: string) => configFailure(() => loadVex([join(fixtures, 'vex', f)])).message.replace(fixtures, '');
  assert.equal(msg('broken-syntax.openvex.json'), "invalid VEX document: Expected ',' or ']' after array element: vex/broken-syntax.openvex.json:9");
  assert.equal(
    msg('missing-justification.openvex.json'),
    'invalid OpenVEX document: statements[1]: a not_affected statement needs a "justification" or an "impact_statement": vex/missing-justification.openvex.json:8',
  );
  assert.equal(
    msg('bad-state.cdx-vex.json'),
    'invalid CycloneDX VEX document: vulnerabilities[0].analysis.state: must be one of resolved, resolved_with_pedigree, exploitable, in_triage, false_positive, not_affected: vex/bad-state.cdx-vex.json:7',
  );
  const dir = tmp();
  writeFileSync(join(dir, 'x.json'), '{"hello": 1}\n');
  assert.equal(configFailure(() => loadVex([join(dir, 'x.json')])).message, `invalid VEX document: neither OpenVEX ("@context") nor CycloneDX ("bomFormat"): ${join(dir, 'x.json')}:1`);
});

test('CEL policies over findings, image facts and Kubernetes objects; base-image policy', () => {
  const policy = loadPolicy(join(fixtures, 'coastguard.yaml'));
  assert.equal(policy.policies.length, 3);
  const k8s = kubernetesObjects(readFileSync(join(fixtures, 'kubernetes-examples/tf-serving-deployment.yaml'), 'utf8'), 'deploy/tf-serving.yaml');
  assert.equal(k8s.length, 1);
  const r = sampleResult();
  r.artifact.os!.eol = '2026-08-09';
  const out = applyPolicy(r, policy, { vex: loadVex(policy.vexFiles), kubernetes: k8s, now: NOW });
  assert.equal(out.exitCode, 3); // exit-code from the policy file
  const policyFindings = out.result.findings.filter((f) => f.kind === 'policy').map((f) => `${f.id} ${f.severity} ${f.title}`);
  assert.deepEqual(policyFindings, [
    'CG-BASE-001 HIGH Image comes from an untrusted registry: registry.example.org/shop/api is not under docker.io/library, gcr.io/distroless',
    'CG-BASE-002 MEDIUM Image reference is not pinned by digest: registry.example.org/shop/api:1.4.2',
    'CG-BASE-003 MEDIUM Image is older than the allowed maximum age: built 2026-11-20T10:00:00Z, 5 days ago (limit 3)',
    'CG-BASE-004 HIGH Operating system is past its end of life: Debian GNU/Linux 13 (trixie) reached end of life on 2026-08-09',
    'ORG-IMG-USER MEDIUM registry.example.org/shop/api:1.4.2 runs as root',
    'ORG-K8S-LIMITS MEDIUM Deployment/tf-serving has a container without resource limits',
  ]);
  const k = out.result.findings.find((f) => f.id === 'ORG-K8S-LIMITS')!;
  assert.deepEqual(k.location, { path: 'deploy/tf-serving.yaml', line: 1 });
  // The fix-age policy: lodash is ignored in that file; without the ignore it fires on lodash
  // (HIGH, fixed, advisory published 2020) and not on semver (MEDIUM).
  const noIgnores = { ...policy, ignores: [] };
  const sla = applyPolicy(r, noIgnores, { now: NOW }).result.findings.filter((f) => f.id === 'ORG-FIX-SLA');
  assert.equal(sla.length, 1);
  assert.match(sla[0].title, /^Fix available for more than 30 days: GHSA-p6mc-m468-83gw in lodash has had a fix \(4\.17\.20\) for \d+ days$/);
  // Policy findings are not dropped by the severity threshold and drive the gate.
  const onlyCritical = applyPolicy(r, policy, { severities: ['CRITICAL'], exitCode: 9, now: NOW });
  assert.ok(onlyCritical.result.findings.every((f) => f.kind === 'policy'));
  assert.equal(onlyCritical.exitCode, 9);
  // Policy findings can be ignored by id like any other.
  const p = policyFrom('policies:\n  - id: ROOT\n    on: image\n    deny: image.user == ""\n    message: root\nignore:\n  - id: ROOT\n    reason: build image\n');
  assert.equal(applyPolicy({ ...r, findings: [] }, p.load(), { exitCode: 1, now: NOW }).exitCode, 0);
});

test('a CEL runtime error warns once and counts as not matching', () => {
  const p = policyFrom('policies:\n  - id: NOFIELD\n    deny: finding.nope == 1\n    message: x\n');
  const out = applyPolicy(sampleResult(), p.load(), { now: NOW });
  assert.equal(out.result.findings.filter((f) => f.kind === 'policy').length, 0);
  assert.equal(out.warnings.length, 1);
  assert.match(out.warnings[0].what, /^policy NOFIELD: .*nope/);
  assert.equal(out.warnings[0].where, `${p.file}:2`);
});

test('image references parse with Docker defaults', () => {
  assert.deepEqual(parseImageRef('debian:13'), { registry: 'docker.io', repository: 'library/debian', tag: '13', digest: undefined });
  assert.deepEqual(parseImageRef('localhost:5000/a/b@sha256:ab'), { registry: 'localhost:5000', repository: 'a/b', tag: undefined, digest: 'sha256:ab' });
  assert.deepEqual(parseImageRef('gcr.io/distroless/static:nonroot'), { registry: 'gcr.io', repository: 'distroless/static', tag: 'nonroot', digest: undefined });
});

test('kubernetesObjects: every object of a multi-document stream and of a List, with its line', () => {
  const text = [
    '# a comment',
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: web}',
    '---',
    'apiVersion: v1',
    'kind: List',
    'items:',
    '  - apiVersion: v1',
    '    kind: ConfigMap',
    '    metadata: {name: a}',
    '  - apiVersion: v1',
    '    kind: Secret',
    '    metadata: {name: b}',
    '---',
    'just: data',
    '',
  ].join('\n');
  const objs = kubernetesObjects(text, 'k8s/all.yaml');
  assert.deepEqual(objs.map((o) => `${o.object.kind}/${(o.object.metadata as { name: string }).name}@${o.line}`), ['Service/web@2', 'ConfigMap/a@9', 'Secret/b@12']);
});

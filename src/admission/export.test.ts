// What `admission manifests` and `admission vap` print: the manifests pass `coastguard config`
// with no HIGH/CRITICAL finding; every exported CEL expression compiles with @bufbuild/cel and
// agrees with its rule's own check on every fixture object.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCelList, isCelMap } from '@bufbuild/cel';
import { parseAllDocuments } from 'yaml';
import { scanK8sObjects } from '../misconfig/index.js';
import { objectsOf } from '../misconfig/kubernetes/objects.js';
import { ignoreTokens } from '../misconfig/kubernetes/index.js';
import { compileCel } from '../policy/cel.js';
import { tempDir } from '../../test/helpers.js';
import { runCli } from '../../test/support/cli.js';
import { makeTlsCert } from '../../test/support/tls.js';
import { fixtureObjects } from '../../test/support/admission.js';
import { jsonDoc } from './verdict.js';
import { CEL_RULES, WORKLOAD_KINDS } from './vap.js';

const work = tempDir('cg-admission-export-');

/** A CEL result back to plain JSON, so a computed variable can be handed to the next expression as the API server does. */
const plain = (v: unknown): unknown =>
  isCelMap(v) ? Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), plain(x)])) : isCelList(v) ? [...v].map(plain) : typeof v === 'bigint' ? Number(v) : v;

test('`admission manifests` passes `coastguard config` with no HIGH or CRITICAL finding and states what the issue asks', async () => {
  const tls = makeTlsCert(work);
  const m = await runCli(['admission', 'manifests', '--namespace', 'coastguard', '--ca-bundle', tls.certFile]);
  assert.equal(m.code, 0, m.stderr);
  const file = join(work, 'webhook.yaml');
  writeFileSync(file, m.stdout);
  const cfg = await runCli(['config', file, '--severity', 'HIGH,CRITICAL', '--exit-code', '1', '--format', 'json']);
  assert.deepEqual(JSON.parse(cfg.stdout).findings, []);
  assert.equal(cfg.code, 0);

  const docs = parseAllDocuments(m.stdout).map((d) => d.toJS());
  assert.deepEqual(docs.map((d) => d.kind), ['ServiceAccount', 'Deployment', 'PodDisruptionBudget', 'Service', 'NetworkPolicy', 'ValidatingWebhookConfiguration']);
  const dep = docs[1];
  assert.ok(dep.spec.replicas >= 2);
  const pod = dep.spec.template.spec;
  const c = pod.containers[0];
  assert.equal(pod.securityContext.runAsNonRoot, true);
  assert.equal(c.securityContext.readOnlyRootFilesystem, true);
  assert.ok(c.resources.limits.cpu && c.resources.limits.memory);
  assert.equal(c.readinessProbe.httpGet.path, '/healthz');
  assert.equal(c.livenessProbe.httpGet.scheme, 'HTTPS');
  assert.equal(docs[2].spec.minAvailable, 1);
  const hook = docs[5].webhooks[0];
  assert.equal(hook.failurePolicy, 'Fail');
  assert.ok(hook.timeoutSeconds <= 5);
  assert.equal(hook.sideEffects, 'None');
  assert.equal(Buffer.from(hook.clientConfig.caBundle, 'base64').toString(), tls.cert.toString());
  assert.deepEqual(hook.namespaceSelector.matchExpressions[0], { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'coastguard'] });
  assert.deepEqual(hook.clientConfig.service, { namespace: 'coastguard', name: 'coastguard-admission', path: '/validate', port: 443 });
});

test('`admission vap`: one policy + binding per exportable rule; --list says what cannot be exported', async () => {
  const v = await runCli(['admission', 'vap']);
  assert.equal(v.code, 0, v.stderr);
  const docs = parseAllDocuments(v.stdout).map((d) => d.toJS());
  assert.equal(docs.length, CEL_RULES.length * 2);
  assert.deepEqual(docs.filter((d) => d.kind === 'ValidatingAdmissionPolicy').map((d) => d.metadata.annotations['coastguard.io/rule']), CEL_RULES.map((r) => r.id));
  assert.ok(docs.filter((d) => d.kind === 'ValidatingAdmissionPolicyBinding').every((b) => b.spec.validationActions[0] === 'Deny'));
  const l = await runCli(['admission', 'vap', '--list']);
  assert.match(l.stdout, /^exported  CG-K8S-001  Privileged container$/m);
  assert.match(l.stdout, /^not       CG-K8S-061  /m);
});

test('every exported CEL expression compiles and agrees with its rule on every fixture object it matches', async (t) => {
  const v = await runCli(['admission', 'vap']);
  const policies = parseAllDocuments(v.stdout).map((d) => d.toJS()).filter((d) => d.kind === 'ValidatingAdmissionPolicy');
  const objects = fixtureObjects();
  let compared = 0;
  let violations = 0;
  let skipped = 0;
  const disagreements: string[] = [];
  for (const p of policies) {
    const id = p.metadata.annotations['coastguard.io/rule'];
    const rule = CEL_RULES.find((r) => r.id === id)!;
    const conditions = p.spec.matchConditions.map((c: { expression: string }) => compileCel(c.expression));
    const variables = (p.spec.variables ?? []).map((x: { name: string; expression: string }) => ({ name: x.name, program: compileCel(x.expression) }));
    const validation = compileCel(p.spec.validations[0].expression);
    const kinds = rule.on === 'workloads' ? WORKLOAD_KINDS : ['Service'];
    for (const { from, object } of objects) {
      if (!kinds.includes(String(object.kind))) continue;
      const [obj] = objectsOf(jsonDoc(object), 'o.json');
      // Other tools' suppression annotations are not exported (docs/admission.md): leave those objects out.
      if (ignoreTokens(obj).length && !(object as { metadata?: { annotations?: Record<string, string> } }).metadata?.annotations?.['coastguard.io/ignore']) {
        skipped++;
        continue;
      }
      const expected = scanK8sObjects([obj]).findings.some((f) => f.id === id);
      const vars: Record<string, unknown> = { object };
      const matched = conditions.every((c: ReturnType<typeof compileCel>) => {
        const r = c(vars);
        assert.equal(r.error, undefined, `${id} matchCondition on ${from}: ${r.error}`);
        return r.value === true;
      });
      const computed: Record<string, unknown> = {};
      for (const x of variables) {
        const r = x.program({ object, variables: computed });
        assert.equal(r.error, undefined, `${id} variable ${x.name} on ${from}: ${r.error}`);
        computed[x.name] = plain(r.value);
      }
      const r = validation({ object, variables: computed });
      assert.equal(r.error, undefined, `${id} validation on ${from}: ${r.error}`);
      const violated = matched && r.value === false;
      compared++;
      if (violated) violations++;
      if (violated !== expected) disagreements.push(`${id} ${from} ${String(object.kind)}: rule ${expected} cel ${violated}`);
    }
  }
  t.diagnostic(`${compared} object/rule pairs compared, ${violations} violations, ${skipped} left out for other tools' annotations`);
  assert.deepEqual(disagreements, []);
  assert.ok(compared > 2000 && violations > 50, `${compared} comparisons, ${violations} violations, ${skipped} skipped`);
});

test('`admission serve` refuses to start without TLS or with unreadable files: one line, documented exit codes', async () => {
  const noTls = await runCli(['admission', 'serve', '--listen', '127.0.0.1:0']);
  assert.equal(noTls.code, 2);
  assert.equal(noTls.stderr, 'coastguard: give --tls-cert FILE and --tls-key FILE (the webhook serves TLS only): coastguard admission serve\n');
  const missing = await runCli(['admission', 'serve', '--listen', '127.0.0.1:0', '--tls-cert', join(work, 'none.crt'), '--tls-key', join(work, 'none.key')]);
  assert.equal(missing.code, 3);
  assert.equal(missing.stderr, `coastguard: cannot read TLS certificate (ENOENT): ${join(work, 'none.crt')}\n`);
  const badMode = await runCli(['admission', 'serve', '--listen', '127.0.0.1:0', '--tls-cert', join(work, 'tls.crt'), '--tls-key', join(work, 'tls.key'), '--mode', 'CG-K8S-001=block']);
  assert.equal(badMode.code, 2);
  assert.equal(badMode.stderr, 'coastguard: "CG-K8S-001=block" is not ID=enforce|warn|audit: --mode\n');
});

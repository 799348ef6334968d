// How much of hadolint's and kube-linter's rule sets our rules answer for, through `aliases`.
// The id lists are the tools' published rule tables (hadolint README "Rules", kube-linter
// docs/generated/checks.md), written down here as data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRuleMeta } from './index.js';
import { HADOLINT } from './hadolint-rules.js';

export { HADOLINT };
export const KUBE_LINTER = [
  'access-to-create-pods', 'access-to-secrets', 'cluster-admin-role-binding', 'dangling-horizontalpodautoscaler', 'dangling-ingress',
  'dangling-networkpolicy', 'dangling-networkpolicypeer-podselector', 'dangling-service', 'dangling-servicemonitor', 'default-service-account',
  'deprecated-service-account-field', 'dnsconfig-options', 'docker-sock', 'drop-net-raw-capability', 'duplicate-env-var', 'env-var-secret',
  'exposed-services', 'host-ipc', 'host-network', 'host-pid', 'hpa-minimum-three-replicas', 'invalid-target-ports', 'latest-tag',
  'liveness-port', 'minimum-three-replicas', 'mismatching-selector', 'no-anti-affinity', 'no-extensions-v1beta', 'no-liveness-probe',
  'no-node-affinity', 'no-read-only-root-fs', 'no-readiness-probe', 'no-rolling-update-strategy', 'non-existent-service-account',
  'non-isolated-pod', 'pdb-max-unavailable', 'pdb-min-available', 'pdb-unhealthy-pod-eviction-policy', 'privilege-escalation-container',
  'privileged-container', 'privileged-ports', 'read-secret-from-env-var', 'readiness-port', 'required-annotation-email',
  'required-label-owner', 'run-as-non-root', 'scc-deny-privileged-container', 'sensitive-host-mounts', 'ssh-port', 'startup-port',
  'unsafe-proc-mount', 'unsafe-sysctls', 'unset-cpu-requirements', 'unset-memory-requirements', 'use-namespace', 'wildcard-in-rules',
  'writable-host-mount',
].map((c) => `kube-linter/${c}`);

test('rule metadata: unique ids and slugs, every field filled', () => {
  const all = allRuleMeta();
  assert.equal(new Set(all.map((r) => r.id)).size, all.length);
  assert.equal(new Set(all.map((r) => r.slug)).size, all.length);
  for (const r of all) {
    assert.match(r.id, /^CG-(DF|K8S|DC|IMG)-\d{3}$/);
    for (const k of ['title', 'why', 'fix'] as const) assert.ok(r[k].length > 10, `${r.id} ${k}`);
    assert.ok(r.references.length > 0, `${r.id} references`);
  }
});

test('alias coverage: hadolint ≥ 75%, kube-linter ≥ 60%', () => {
  const aliases = new Set(allRuleMeta().flatMap((r) => r.aliases));
  const had = HADOLINT.filter((id) => aliases.has(id));
  const kl = KUBE_LINTER.filter((id) => aliases.has(id));
  assert.equal(HADOLINT.length, 66);
  assert.equal(KUBE_LINTER.length, 57);
  // Not covered: DL1001 (policing inline pragmas; hadolint ships it switched off).
  assert.deepEqual(HADOLINT.filter((id) => !aliases.has(id)), ['DL1001']);
  assert.deepEqual(KUBE_LINTER.filter((id) => !aliases.has(id)), ['kube-linter/dnsconfig-options', 'kube-linter/required-annotation-email', 'kube-linter/required-label-owner']);
  assert.equal(had.length, 65); // 98.5 %
  assert.equal(kl.length, 54); // 94.7 %
  assert.ok(had.length / HADOLINT.length >= 0.75 && kl.length / KUBE_LINTER.length >= 0.6);
});

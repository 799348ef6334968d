// kube-linter's own check fixtures (test/fixtures/kube-linter, from its tests/checks/ with the
// objects its e2e tests expect reported). `npm run accuracy:misconfig` prints the same figure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreKubeLinterCases } from './kube-linter-cases.js';
import { parseK8s, scanK8sObjects } from './kubernetes/index.js';
import { scanConfigTexts } from './engine.js';

test("kube-linter's fixtures: every object reported exactly when kube-linter reports it", () => {
  const s = scoreKubeLinterCases();
  assert.deepEqual(s.wrong, []);
  assert.deepEqual([s.checks, s.cases], [44, 157]);
});

test('priority-class-name is off until accepted classes are given, then reports the others', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ns}\nspec:\n  priorityClassName: batch-low\n  containers: [{name: c, image: a:1}]\n';
  const ids = (accepted?: string[]) => scanConfigTexts([{ path: 'p.yaml', text }], { acceptedPriorityClasses: accepted }).findings.filter((f) => f.id === 'CG-K8S-104').map((f) => f.location.line);
  assert.deepEqual(ids(), []);
  assert.deepEqual(ids(['system-cluster-critical']), [5]);
  assert.deepEqual(ids(['batch-low']), []);
});

test('a PDB whose minAvailable reaches the autoscaler minimum blocks every eviction', () => {
  const yaml = [
    'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: pdb, namespace: a}\nspec: {minAvailable: 2, selector: {matchLabels: {app: web}}}',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: a}\nspec:\n  replicas: 5\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: a:1}]}',
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: a}\nspec: {minReplicas: 2, maxReplicas: 9, scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}}',
  ].join('\n---\n');
  const hit = (y: string) => scanK8sObjects(parseK8s(y, 'x.yaml').objects).findings.filter((f) => f.id === 'CG-K8S-077').map((f) => f.description);
  assert.deepEqual(hit(yaml), ['PodDisruptionBudget/a/pdb: minAvailable 2 >= 2 replica(s) of Deployment/web']);
  assert.deepEqual(hit(yaml.replace('minReplicas: 2', 'minReplicas: 3')), []);
});

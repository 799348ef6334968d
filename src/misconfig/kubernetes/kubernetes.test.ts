import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseK8s, scanK8sObjects } from './index.js';

const scan = (text: string, skip: string[] = []) => scanK8sObjects(parseK8s(text, 'm.yaml').objects, skip);
const lines = (text: string, id: string) => scan(text).findings.filter((f) => f.id === id).map((f) => `${f.object}@${f.location.line}`);

const MULTI = `# two documents; lines must be exact in the second
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: app
          image: nginx:latest
          securityContext:
            privileged: true
        - name: sidecar
          image: busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
          ports:
            - containerPort: 22
`;

test('multi-document YAML: exact lines for container fields in the second document', () => {
  assert.deepEqual(lines(MULTI, 'CG-K8S-001'), ['Deployment/shop/web@24']);
  assert.deepEqual(lines(MULTI, 'CG-K8S-021'), ['Deployment/shop/web@22']);
  assert.deepEqual(lines(MULTI, 'CG-K8S-064'), ['Deployment/shop/web@28']);
  assert.deepEqual(lines(MULTI, 'CG-K8S-061'), ['Namespace/shop@4']);
});

test('every workload kind and CRD pod templates are checked', () => {
  const pod = (kind: string, api: string, wrap: (s: string) => string) => `apiVersion: ${api}\nkind: ${kind}\nmetadata: { name: x, namespace: n }\n${wrap('containers: [{ name: c, image: "a:1", securityContext: { privileged: true } }]')}\n`;
  const tmpl = (s: string) => `spec:\n  template:\n    spec:\n      ${s}`;
  const cases: [string, string, (s: string) => string][] = [
    ['Pod', 'v1', (s) => `spec:\n  ${s}`],
    ['Deployment', 'apps/v1', tmpl], ['StatefulSet', 'apps/v1', tmpl], ['DaemonSet', 'apps/v1', tmpl],
    ['ReplicaSet', 'apps/v1', tmpl], ['Job', 'batch/v1', tmpl],
    ['CronJob', 'batch/v1', (s) => `spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          ${s}`],
    ['Rollout', 'argoproj.io/v1alpha1', tmpl],
  ];
  for (const [kind, api, wrap] of cases) assert.equal(lines(pod(kind, api, wrap), 'CG-K8S-001').length, 1, kind);
});

const NETPOL_BASE = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: a }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api, tier: back } }
    spec: { containers: [{ name: c, image: "x:1" }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ui, namespace: a }
spec:
  selector: { matchLabels: { app: ui } }
  template:
    metadata: { labels: { app: ui } }
    spec: { containers: [{ name: c, image: "x:1" }] }
`;

test('NetworkPolicy coverage: empty podSelector selects all, policyTypes defaults, namespaces are separate', () => {
  const report = (extra: string) => new Set(scan(NETPOL_BASE + extra).findings.filter((f) => f.id === 'CG-K8S-060' || f.id === 'CG-K8S-102').map((f) => `${f.id} ${f.description}`));
  // No policy: both workloads are selected by nothing.
  assert.deepEqual(report(''), new Set([
    'CG-K8S-060 Deployment/a/api: pods are selected by no NetworkPolicy',
    'CG-K8S-060 Deployment/a/ui: pods are selected by no NetworkPolicy',
  ]));
  // Empty podSelector, no policyTypes, no egress section: Ingress only, for every pod of namespace a.
  const ingressAll = '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny-in, namespace: a }\nspec:\n  podSelector: {}\n';
  assert.deepEqual(report(ingressAll), new Set([
    'CG-K8S-102 Deployment/a/api: pods are not isolated for egress by any NetworkPolicy',
    'CG-K8S-102 Deployment/a/ui: pods are not isolated for egress by any NetworkPolicy',
  ]));
  // An egress section without policyTypes makes it Ingress+Egress; matchExpressions select api only.
  const apiBoth = '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: api, namespace: a }\nspec:\n  podSelector: { matchExpressions: [{ key: tier, operator: In, values: [back] }] }\n  egress: []\n';
  assert.deepEqual(report(apiBoth), new Set(['CG-K8S-060 Deployment/a/ui: pods are selected by no NetworkPolicy']));
  // The same policy in another namespace covers nothing here.
  assert.equal(report(apiBoth.replace('namespace: a', 'namespace: b')).size, 2);
  // Explicit policyTypes: [Egress] with ingress rules listed is still egress-only.
  const egressOnly = '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: e, namespace: a }\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  ingress: [{ from: [{ podSelector: {} }] }]\n';
  assert.deepEqual(report(egressOnly), new Set([
    'CG-K8S-102 Deployment/a/api: pods are not isolated for ingress by any NetworkPolicy',
    'CG-K8S-102 Deployment/a/ui: pods are not isolated for ingress by any NetworkPolicy',
  ]));
});

test('namespace default-deny: only an all-pods policy of that type with no rules counts', () => {
  const deny = (spec: string) => scan(NETPOL_BASE + `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: d, namespace: a }\nspec:\n${spec}`).findings
    .filter((f) => f.id === 'CG-K8S-061').map((f) => f.description);
  assert.deepEqual(deny('  podSelector: {}\n  policyTypes: [Ingress, Egress]\n'), []);
  assert.deepEqual(deny('  podSelector: {}\n'), ['Deployment/a/api: namespace a has no default-deny Egress NetworkPolicy']);
  assert.deepEqual(deny('  podSelector: {}\n  policyTypes: [Ingress, Egress]\n  ingress: [{}]\n'), ['Deployment/a/api: namespace a has no default-deny Ingress NetworkPolicy']);
  assert.deepEqual(deny('  podSelector: { matchLabels: { app: api } }\n  policyTypes: [Ingress, Egress]\n'), ['Deployment/a/api: namespace a has no default-deny Ingress and Egress NetworkPolicy']);
});

test('per-object suppression annotations: ours and the other tools\'', () => {
  const obj = (ann: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: n\n  annotations:\n${ann}\nspec:\n  containers: [{ name: c, image: "a:latest", securityContext: { privileged: true } }]\n`;
  const ids = (ann: string) => new Set(scan(obj(ann)).findings.map((f) => f.id));
  assert.ok(ids('    x: y').has('CG-K8S-001'));
  assert.ok(!ids('    coastguard.io/ignore: "CG-K8S-001, image-tag"').has('CG-K8S-001'));
  assert.ok(!ids('    coastguard.io/ignore: "CG-K8S-001, image-tag"').has('CG-K8S-021'));
  assert.ok(!ids('    checkov.io/skip1: CKV_K8S_16=reviewed').has('CG-K8S-001'));
  assert.ok(!ids('    ignore-check.kube-linter.io/privileged-container: "ok"').has('CG-K8S-001'));
  assert.ok(!ids('    polaris.fairwinds.com/runAsPrivileged-exempt: "true"').has('CG-K8S-001'));
  assert.ok(!new Set(scan(obj('    x: y'), ['KSV017']).findings.map((f) => f.id)).has('CG-K8S-001'), '--skip-rules by alias');
});

test('RBAC: wildcards, secrets, escalate/bind, impersonate, cluster-admin bindings', () => {
  const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: ops }
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get, list]
  - apiGroups: [rbac.authorization.k8s.io]
    resources: [clusterroles]
    verbs: [bind, escalate]
  - apiGroups: [""]
    resources: [users]
    verbs: [impersonate]
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ops }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ops }
subjects: [{ kind: Group, name: system:authenticated }]
`;
  const got = scan(role).findings.filter((f) => f.id >= 'CG-K8S-051' && f.id <= 'CG-K8S-058' || f.id === 'CG-K8S-094').map((f) => `${f.id}@${f.location.line}`).sort();
  assert.deepEqual(got, ['CG-K8S-051@14', 'CG-K8S-052@14', 'CG-K8S-052@5', 'CG-K8S-053@14', 'CG-K8S-054@14', 'CG-K8S-054@8', 'CG-K8S-055@14', 'CG-K8S-056@14', 'CG-K8S-056@4', 'CG-K8S-057@21', 'CG-K8S-058@22', 'CG-K8S-094@11', 'CG-K8S-094@14']);
});

test('Secrets in manifests: Secret objects, literal env values, ConfigMap keys', () => {
  const text = `apiVersion: v1
kind: Secret
metadata: { name: s, namespace: n }
stringData:
  password: hunter2
---
apiVersion: v1
kind: Pod
metadata: { name: p, namespace: n }
spec:
  containers:
    - name: c
      image: a:1
      env:
        - name: API_TOKEN
          value: abc123
        - name: TOKEN_FILE
          value: /run/secrets/token
`;
  assert.deepEqual(lines(text, 'CG-K8S-048'), ['Secret/n/s@4']);
  assert.deepEqual(lines(text, 'CG-K8S-045'), ['Pod/n/p@16']);
});

test('malformed YAML: a warning with file:line, other documents still scanned', () => {
  const r = parseK8s('apiVersion: v1\nkind: Pod\nmetadata: { name: ok }\n---\napiVersion: v1\nkind: [unclosed\n', 'bad.yaml');
  assert.equal(r.objects.length, 1);
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0].where!, /^bad\.yaml:[67]$/);
  assert.match(r.warnings[0].what, /^malformed YAML: /);
});

test('trusted registries apply to Kubernetes images when configured', async () => {
  const { scanConfigTexts } = await import('../engine.js');
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: n }\nspec:\n  containers:\n    - { name: a, image: "registry.example.com/app:1" }\n    - { name: b, image: "nginx:1.25" }\n';
  const ids = (opts: { trustedRegistries?: string[] }) => scanConfigTexts([{ path: 'p.yaml', text }], opts).findings.filter((f) => f.id === 'CG-K8S-099').map((f) => f.location.line);
  assert.deepEqual(ids({}), []);
  assert.deepEqual(ids({ trustedRegistries: ['registry.example.com'] }), [7]);
});

test('anti-affinity (kube-linter semantics): the term must be on kubernetes.io/hostname and select the pods', () => {
  const dep = (affinity: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d, namespace: n }\nspec:\n  replicas: 3\n  selector: { matchLabels: { app: d } }\n  template:\n    metadata: { labels: { app: d } }\n    spec:\n${affinity}      containers: [{ name: c, image: "a:1" }]\n`;
  const fires = (a: string) => scan(dep(a)).findings.some((f) => f.id === 'CG-K8S-067');
  assert.equal(fires(''), true);
  const term = (key: string, app: string) => `      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 100\n              podAffinityTerm: { topologyKey: ${key}, labelSelector: { matchLabels: { app: ${app} } } }\n`;
  assert.equal(fires(term('kubernetes.io/hostname', 'd')), false);
  assert.equal(fires(term('topology.kubernetes.io/zone', 'd')), true);
  assert.equal(fires(term('kubernetes.io/hostname', 'other')), true);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeText } from '../events.js';
import { imageRepository, k8sAuditSource, parsePointer } from './k8saudit.js';
import type { FieldValue, JsonEvent } from './types.js';

const traces = join(dirname(fileURLToPath(import.meta.url)), '..', 'testdata', 'legacy', 'trace_files', 'k8s_audit');
const load = (f: string): JsonEvent => decodeText(readFileSync(join(traces, f), 'utf8')).events[0];
const get = (e: JsonEvent, name: string, arg?: string): FieldValue => {
  const def = k8sAuditSource.fields.get(name);
  assert.ok(def, `field ${name} exists`);
  return def.make(arg)(e);
};

test('pod fields from a real trace (privileged 2nd container)', () => {
  const e = load('create_nginx_pod_privileged_2nd_container.json');
  assert.equal(get(e, 'ka.verb'), 'create');
  assert.equal(get(e, 'ka.target.resource'), 'pods');
  assert.equal(get(e, 'ka.target.namespace'), 'default');
  assert.equal(get(e, 'ka.target.subresource'), undefined);
  assert.equal(get(e, 'ka.user.name'), 'system:serviceaccount:kube-system:replicaset-controller');
  assert.deepEqual(get(e, 'ka.user.groups'), ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated']);
  assert.deepEqual(get(e, 'ka.req.pod.containers.image'), ['nginx', 'mysql:latest']);
  assert.deepEqual(get(e, 'ka.req.pod.containers.image.repository'), ['nginx', 'mysql']);
  assert.deepEqual(get(e, 'ka.req.pod.containers.image', '1'), ['mysql:latest']);
  assert.equal(get(e, 'ka.req.pod.containers.image', '5'), undefined);
  assert.deepEqual(get(e, 'ka.req.pod.containers.privileged'), ['false', 'true']);
  assert.equal(get(e, 'ka.req.container.privileged'), 'true');
  assert.equal(get(e, 'ka.req.container.image'), 'nginx');
  assert.equal(get(e, 'ka.response.code'), '201');
  assert.equal(get(e, 'jevt.value', '/stage'), 'ResponseComplete');
  assert.equal(get(e, 'jevt.rawtime'), String(e.tsNs));
  assert.equal(get(e, 'ka.req.pod.initContainers.image'), undefined);
  assert.equal(get(e, 'ka.req.pod.host_network'), undefined);
});

test('volumes, services, RBAC, configmaps, uri params', () => {
  const mount = load('create_nginx_pod_sensitive_mount.json');
  assert.deepEqual(get(mount, 'ka.req.pod.volumes.hostpath'), ['/etc']);
  assert.equal(get(mount, 'ka.req.volume.hostpath', '/etc'), 'true');
  assert.equal(get(mount, 'ka.req.volume.hostpath', '/e*'), 'true');
  assert.equal(get(mount, 'ka.req.volume.hostpath', '/proc*'), 'false');
  assert.deepEqual(get(mount, 'ka.req.pod.volumes.volume_type'), ['hostPath']);
  assert.equal(get(mount, 'jevt.value', '/requestObject/spec/volumes'), '[{"hostPath":{"path":"/etc","type":""},"name":"etc"}]');

  const svc = load('create_nginx_service_nodeport.json');
  assert.equal(get(svc, 'ka.req.service.type'), 'NodePort');
  assert.deepEqual(get(svc, 'ka.req.service.ports'), ['{"nodePort":30080,"port":80,"protocol":"TCP","targetPort":80}']);

  const role = load('create_cluster_role_wildcard_resources.json');
  assert.deepEqual(get(role, 'ka.req.role.rules.resources'), ['*']);
  assert.deepEqual(get(role, 'ka.req.role.rules.verbs'), ['get', 'list', 'get']);
  assert.deepEqual(get(role, 'ka.req.role.rules.verbs', '1'), ['get']);
  assert.equal((get(role, 'ka.req.role.rules.nonResourceURLs') as string[]).length, 13);

  const bind = load('attach_cluster_admin_role.json');
  assert.equal(get(bind, 'ka.req.binding.role'), 'cluster-admin');
  assert.deepEqual(get(bind, 'ka.req.binding.subjects'), ['{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"minikube"}']);

  const attach = load('attach_pod.json');
  assert.equal(get(attach, 'ka.target.subresource'), 'attach');
  assert.equal(get(attach, 'ka.uri.param', 'container'), 'nginx1');
  assert.equal(get(attach, 'ka.uri.param', 'command'), undefined);
  assert.equal(get(attach, 'ka.stage'), 'ResponseStarted');

  const cm = load('create_configmap.json');
  assert.equal(get(cm, 'ka.req.configmap.name'), 'my-config');
  assert.match(get(cm, 'ka.req.configmap.obj') as string, /^\{".*\}$/);
});

test('helpers: image repositories and JSON pointers', () => {
  assert.equal(imageRepository('nginx'), 'nginx');
  assert.equal(imageRepository('docker.io/falcosecurity/falco:0.36'), 'docker.io/falcosecurity/falco');
  assert.equal(imageRepository('registry:5000/team/app:1.0'), 'registry:5000/team/app');
  assert.equal(imageRepository('app@sha256:0123'), 'app');
  assert.deepEqual(parsePointer('/annotations/authorization.k8s.io~1decision'), ['annotations', 'authorization.k8s.io/decision']);
  assert.deepEqual(parsePointer('/a~1~0b'), ['a/~b']);
  assert.throws(() => parsePointer('stage'), /must start with "\/"/);
});

test('fuzz: events with values of unexpected types never make a field throw', () => {
  let seed = 3;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const weird = [null, 1, 'x', [], {}, [null, 1, 'a', {}], true, { a: [1] }];
  const mutate = (o: unknown): unknown => {
    if (o === null || typeof o !== 'object') return rnd() < 0.2 ? weird[Math.floor(rnd() * weird.length)] : o;
    if (Array.isArray(o)) return o.map(mutate);
    const r: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) r[k] = k === 'stageTimestamp' || k === 'kind' ? v : rnd() < 0.15 ? weird[Math.floor(rnd() * weird.length)] : mutate(v);
    return r;
  };
  const bases = ['create_nginx_pod_privileged_2nd_container.json', 'create_cluster_role_wildcard_resources.json', 'create_nginx_pod_sensitive_mount.json', 'attach_cluster_admin_role.json', 'create_nginx_service_nodeport.json'].map(load);
  const extractors = [...k8sAuditSource.fields.values()].map((d) => d.make(d.arg === 'required' ? (d.name.includes('value') ? '/requestObject/spec' : '/etc') : d.arg === 'optional' ? undefined : undefined));
  for (let i = 0; i < 300; i++) {
    const e = decodeText(JSON.stringify(mutate(bases[i % bases.length].obj))).events[0];
    for (const x of extractors) {
      const v = x(e);
      assert.ok(v === undefined || typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string')));
    }
  }
});

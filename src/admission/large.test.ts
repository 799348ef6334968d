// Large objects (bodies over 512 KiB) are judged in a worker thread within a deadline: the same
// verdict as in-thread, and a pathological object cannot hold the event loop (a small review sent
// after it is answered first; the big one gets CG-ADM-005 when the deadline passes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'node:https';
import { emptyPolicy } from '../policy/index.js';
import { tempDir } from '../../test/helpers.js';
import { makeTlsCert } from '../../test/support/tls.js';
import { admissionReview, post } from '../../test/support/admission.js';
import { parseModes, review, startAdmissionServer, VerdictPool, type AdmissionServer } from './index.js';

const tls = makeTlsCert(tempDir('cg-admission-large-'));
const agent = new Agent({ keepAlive: true });
const severities = ['HIGH', 'CRITICAL'] as const;
const pool = new VerdictPool({ ignores: [], severities: [...severities] }, 1500);
let srv: AdmissionServer;
const opts = { policy: emptyPolicy(), severities: [...severities], modes: parseModes([]) };

before(async () => {
  pool.warm();
  srv = await startAdmissionServer({ host: '127.0.0.1', port: 0, cert: tls.cert, key: tls.key, ...opts, largeObjects: pool });
});
after(async () => {
  agent.destroy();
  await srv.close();
});

const send = (body: unknown) => post(srv.url, JSON.stringify(body), { ca: tls.cert, agent });
const padded = (o: Record<string, any>) => ({ ...o, metadata: { ...o.metadata, annotations: { note: 'x'.repeat(600 * 1024) } } });

test('objects over 512 KiB get, from the worker, the verdict the in-thread path gives', async () => {
  const pod = padded({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: { hostPID: true, containers: [{ name: 'c', image: 'busybox:1.36', securityContext: { privileged: true } }] } });
  const cm = padded({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'shop' }, data: { a: 'b' } });
  for (const [i, o] of [pod, cm].entries()) {
    const body = admissionReview(o, `big-${i}`);
    const r = await send(body);
    assert.equal(r.status, 200);
    const inThread = review(body, opts);
    assert.ok(inThread.ok);
    assert.deepEqual(r.json.response, inThread.response);
  }
  assert.equal(pool.stats.judged, 2);
});

test('a pathological object is answered CG-ADM-005 at the deadline, and a small review sent after it is answered first', async () => {
  const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'huge' }, rules: Array.from({ length: 100_000 }, () => ({ apiGroups: ['*'], resources: ['secrets', 'pods/exec'], verbs: ['*'] })) };
  const order: string[] = [];
  const big = send(admissionReview(role, 'huge')).then((r) => (order.push('big'), r));
  await new Promise((r) => setTimeout(r, 300));
  const small = send(admissionReview({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 's', namespace: 'shop' }, data: {} }, 'small')).then((r) => (order.push('small'), r));
  const [b, s] = await Promise.all([big, small]);
  assert.deepEqual(order, ['small', 'big']);
  assert.equal(s.json.response.allowed, true);
  assert.equal(b.json.response.allowed, false);
  assert.equal(b.json.response.auditAnnotations.denied, 'CG-ADM-005');
  assert.match(b.json.response.status.message, /^coastguard denied ClusterRole\/default\/huge: CG-ADM-005 \[HIGH\] Object too costly to judge in time — not judged within 1500 ms\. Fix: Split the object/);
  assert.equal(pool.stats.deadline_passed, 1);
  // The next large object gets a fresh worker.
  const after = await send(admissionReview(padded({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm2', namespace: 'shop' }, data: {} }), 'after'));
  assert.equal(after.json.response.allowed, true);
  assert.equal(pool.stats.restarts, 2);
});

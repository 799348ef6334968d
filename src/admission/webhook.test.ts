// The webhook's HTTP surface over real TLS: bad input never crashes or hangs it, plain HTTP is
// refused, modes / dryRun / excluded namespaces / warnings behave as docs/admission.md says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { Agent, get, request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { emptyPolicy } from '../policy/index.js';
import { tempDir } from '../../test/helpers.js';
import { makeTlsCert } from '../../test/support/tls.js';
import { admissionReview, post } from '../../test/support/admission.js';
import { parseModes, startAdmissionServer, type AdmissionServer } from './index.js';

const tls = makeTlsCert(tempDir('cg-admission-web-'));
const agent = new Agent({ keepAlive: true });
let srv: AdmissionServer;
const audit: Record<string, unknown>[] = [];

const privilegedPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'root-shell', namespace: 'shop' },
  spec: { hostPID: true, containers: [{ name: 'sh', image: 'busybox:1.36', securityContext: { privileged: true } }] },
};

before(async () => {
  srv = await startAdmissionServer({
    host: '127.0.0.1', port: 0, cert: tls.cert, key: tls.key,
    policy: emptyPolicy(), severities: ['HIGH', 'CRITICAL'],
    // hostPID (CG-K8S-004) only warns, host-network (by slug) is only audited; the rest enforces.
    modes: parseModes(['CG-K8S-004=warn', 'host-network=audit']),
    excludeNamespaces: ['coastguard'],
    onAudit: (e) => audit.push(e),
  });
});
after(async () => {
  agent.destroy();
  await srv.close();
});

const send = (body: unknown) => post(srv.url, typeof body === 'string' ? body : JSON.stringify(body), { ca: tls.cert, agent });

test('a denial names every enforced rule id with its fix; warn-mode and below-threshold findings become ≤120-char warnings', async () => {
  const r = await send(admissionReview(privilegedPod, 'u-1'));
  assert.equal(r.status, 200);
  assert.equal(r.json.apiVersion, 'admission.k8s.io/v1');
  assert.equal(r.json.kind, 'AdmissionReview');
  const res = r.json.response;
  assert.equal(res.uid, 'u-1');
  assert.equal(res.allowed, false);
  assert.equal(res.status.code, 403);
  assert.match(res.status.message, /^coastguard denied Pod\/shop\/root-shell: CG-K8S-001 \[HIGH\] Privileged container .*Fix: /);
  assert.equal(res.auditAnnotations.denied, 'CG-K8S-001');
  assert.equal(res.auditAnnotations.warned, 'CG-K8S-004');
  assert.ok(res.warnings.includes('CG-K8S-004 [HIGH] Pod shares the host PID namespace'), res.warnings.join('\n'));
  assert.ok(res.warnings.some((w: string) => / \(below threshold\)$/.test(w)));
  for (const w of res.warnings) assert.ok(w.length <= 120, w);
  assert.deepEqual(audit.at(-1), { ...audit.at(-1), uid: 'u-1', allowed: false, denied: ['CG-K8S-001'], warned: ['CG-K8S-004'], audited: [] });
});

test('audit mode admits and records; dryRun gets the same verdict but no audit log line; excluded namespaces and DELETE are admitted', async () => {
  const hostNet = { ...privilegedPod, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'busybox:1.36' }] } };
  const a = (await send(admissionReview(hostNet, 'u-2'))).json.response;
  assert.equal(a.allowed, true);
  assert.equal(a.auditAnnotations.audited, 'CG-K8S-003');
  assert.equal(audit.at(-1)!.uid, 'u-2');

  const before = audit.length;
  const dry = (await send(admissionReview(privilegedPod, 'u-3', { dryRun: true }))).json.response;
  assert.equal(dry.allowed, false);
  assert.equal(audit.length, before);
  assert.equal(srv.counters.dry_run, 1);

  const excluded = (await send(admissionReview({ ...privilegedPod, metadata: { name: 'x', namespace: 'coastguard' } }, 'u-4', { namespace: 'coastguard' }))).json.response;
  assert.deepEqual(excluded, { uid: 'u-4', allowed: true, auditAnnotations: { verdict: 'allowed', reason: 'namespace coastguard is excluded' } });
  const del = (await send(admissionReview(privilegedPod, 'u-5', { operation: 'DELETE', object: null, oldObject: privilegedPod }))).json.response;
  assert.equal(del.allowed, true);
});

test('bad input: 400 with a JSON error for not JSON, not an AdmissionReview, no uid; unknown kinds are judged (allowed)', async () => {
  const cases: [unknown, RegExp][] = [
    ['{"apiVersion": "admission.k8s.io/v1", "kind": "Admiss', /body is not JSON/],
    ['[1,2,3]', /not a JSON object/],
    [{ apiVersion: 'v1', kind: 'Pod' }, /kind is "Pod", not "AdmissionReview"/],
    [{ apiVersion: 'admission.k8s.io/v2', kind: 'AdmissionReview', request: { uid: 'x' } }, /apiVersion "admission.k8s.io\/v2"/],
    [{ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }, /has no request/],
    [{ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { object: privilegedPod } }, /request has no uid/],
  ];
  for (const [body, error] of cases) {
    const r = await send(body);
    assert.equal(r.status, 400, JSON.stringify(r.json));
    assert.match(r.json.error, error);
  }
  const unknown = await send(admissionReview({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 3 } }, 'u-6'));
  assert.equal(unknown.status, 200);
  assert.equal(unknown.json.response.allowed, true);
  const shapeless = await send(admissionReview({ spec: 1 } as Record<string, unknown>, 'u-7'));
  assert.equal(shapeless.json.response.allowed, true);
});

test('a 5 MB object is judged like any other; a 10 MB one is a 400 (over the 8 MiB body limit) and the connection is closed; the server stays up', async () => {
  const object = (mb: number) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', namespace: 'shop' }, data: { blob: 'x'.repeat(mb * 1000 * 1000) } });
  const r = await send(admissionReview(object(5), 'u-big'));
  assert.equal(r.status, 200);
  assert.equal(r.json.response.uid, 'u-big');
  assert.equal(r.json.response.allowed, true);
  const h = await send(admissionReview(object(10), 'u-huge'));
  assert.equal(h.status, 400);
  assert.deepEqual(h.json, { error: 'body larger than 8388608 bytes' });
  // Streamed without a content-length (chunked): cut off once past the limit.
  const chunked = await new Promise<number>((resolve, reject) => {
    const req = httpsRequest(new URL('/validate', srv.url), { method: 'POST', ca: tls.cert }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    for (let i = 0; i < 10; i++) req.write(Buffer.alloc(1024 * 1024, 0x20));
    req.end();
  }).catch((e: NodeJS.ErrnoException) => e.code);
  assert.ok(chunked === 400 || chunked === 'ECONNRESET' || chunked === 'EPIPE', String(chunked));
  assert.equal((await send(admissionReview(privilegedPod, 'u-after'))).json.response.uid, 'u-after');
});

test('plain HTTP is refused: no HTTP answer on the TLS port', async () => {
  const port = Number(new URL(srv.url).port);
  const outcome = await new Promise<string>((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/healthz', method: 'GET', timeout: 5000 }, (res) => resolve(`HTTP ${res.statusCode}`));
    req.on('error', (e) => resolve(`error ${(e as NodeJS.ErrnoException).code}`));
    req.on('timeout', () => resolve('timeout'));
    req.end();
  });
  assert.match(outcome, /^error (ECONNRESET|EPIPE|HPE_INVALID_CONSTANT)$/);
  // A slow client that never finishes its TLS handshake does not block others.
  const stalled = connect(port, '127.0.0.1');
  assert.equal((await send(admissionReview(privilegedPod, 'u-8'))).json.response.uid, 'u-8');
  stalled.destroy();
  assert.ok(srv.counters.tls_errors >= 1);
});

test('/healthz and Prometheus /metrics', async () => {
  const fetchText = (path: string) => new Promise<{ status: number; text: string }>((resolve, reject) => {
    get(new URL(path, srv.url), { ca: tls.cert }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    }).on('error', reject);
  });
  assert.deepEqual(JSON.parse((await fetchText('/healthz')).text), { status: 'ok' });
  const m = await fetchText('/metrics');
  assert.equal(m.status, 200);
  assert.match(m.text, /^coastguard_admission_reviews_total\{result="denied"\} [1-9]\d*$/m);
  assert.match(m.text, /^coastguard_admission_reviews_total\{result="bad_request"\} 8$/m);
  assert.match(m.text, /^coastguard_admission_rule_denials_total\{rule="CG-K8S-001"\} [1-9]\d*$/m);
  assert.match(m.text, /^coastguard_admission_review_duration_seconds_bucket\{le="\+Inf"\} \d+$/m);
});

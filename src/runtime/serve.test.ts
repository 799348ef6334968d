// Starts a real `serve` endpoint on 127.0.0.1 (ephemeral port) and sends it good and bad bodies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { RuntimeEngine, type Alert } from './engine.js';
import { createRuntimeHandler, startServer } from './serve.js';
import { fileSink, webhookSink, type AlertSink } from './sinks.js';

const td = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const trace = (f: string) => JSON.parse(readFileSync(join(td, 'legacy', 'trace_files', 'k8s_audit', f), 'utf8'));
const privileged = trace('create_nginx_pod_privileged.json');
const namespace = trace('anonymous_creates_namespace_foo.json');
const eventList = (...items: unknown[]) => JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items });

function memorySink(): AlertSink & { alerts: Alert[] } {
  const alerts: Alert[] = [];
  return { name: 'memory', alerts, write: (a) => void alerts.push(a), close: async () => {}, stats: () => ({ sent: alerts.length }) };
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const r = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: r.status, json };
}

/** Sends a request whose body is shorter than its Content-Length, then hangs up. */
function sendTruncated(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => {
      s.write(`POST /k8s-audit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n${eventList(privileged).slice(0, 300)}`);
      setTimeout(() => {
        s.destroy();
        resolve();
      }, 50);
    });
    s.on('error', reject);
  });
}

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('serve: alerts to file, webhook and memory; bad bodies counted and skipped; counters exposed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-runtime-'));
  // A local receiver for the webhook sink.
  const received: unknown[] = [];
  const receiver = createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      received.push(JSON.parse(b));
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;

  const engine = RuntimeEngine.fromFiles([join(td, 'upstream', 'k8saudit', 'k8s_audit_rules.yaml')]);
  const mem = memorySink();
  const outFile = join(dir, 'alerts.jsonl');
  const skips: string[] = [];
  const srv = await startServer({
    host: '127.0.0.1',
    port: 0,
    engine,
    sinks: [mem, fileSink(outFile, 'json'), webhookSink(hookUrl)],
    maxBodyBytes: 64 * 1024,
    rateLimit: { rate: 0.01, burst: 3 }, // slow refill: the test never earns a token back
    onSkip: (reason, detail) => { skips.push(reason); if (process.env.DBG) console.log('SKIP', reason, detail); },
  });
  try {
    const ep = `${srv.url}/k8s-audit`;
    // Good: one EventList with two events raising two different rules.
    assert.deepEqual(await post(ep, eventList(privileged, namespace)), { status: 200, json: { accepted: 2, skipped: 0 } });
    assert.deepEqual(mem.alerts.map((a) => [a.rule, a.priority]), [['Create Privileged Pod', 'Warning'], ['Anonymous Request Allowed', 'Warning']]);

    // Garbage, truncated JSON, unknown kind, an event without stageTimestamp.
    assert.deepEqual(await post(ep, 'not json {{{'), { status: 200, json: { accepted: 0, skipped: 1 } });
    assert.deepEqual(await post(ep, eventList(privileged).slice(0, 500)), { status: 200, json: { accepted: 0, skipped: 1 } });
    assert.deepEqual(await post(ep, JSON.stringify({ kind: 'Pod', apiVersion: 'v1' })), { status: 200, json: { accepted: 0, skipped: 1 } });
    const noTs = { ...namespace };
    delete noTs.stageTimestamp;
    assert.deepEqual(await post(ep, eventList(noTs, namespace)), { status: 200, json: { accepted: 1, skipped: 1 } });
    // Huge: over the 64 KiB body limit.
    const huge = await post(ep, eventList(...Array.from({ length: 40 }, () => privileged)));
    assert.equal(huge.status, 413);
    // Truncated: the client promises 5000 bytes and hangs up after 300.
    await sendTruncated(Number(new URL(srv.url).port));
    await until(() => srv.counters.skipped.truncated === 1);
    // Wrong method and path.
    assert.equal((await fetch(ep)).status, 405);
    assert.equal((await post(`${srv.url}/other`, '{}')).status, 404);

    // Rate limit (burst 3 per rule): the privileged-pod rule already used one token.
    const five = await post(ep, eventList(privileged, privileged, privileged, privileged, privileged));
    assert.deepEqual(five.json, { accepted: 5, skipped: 0 });
    assert.equal(mem.alerts.filter((a) => a.rule === 'Create Privileged Pod').length, 3);

    // Still serving after all of that.
    assert.equal((await post(ep, eventList(namespace))).status, 200);

    const health = (await (await fetch(`${srv.url}/healthz`)).json()) as { status: string; counters: Record<string, unknown> };
    assert.equal(health.status, 'ok');
    const c = health.counters;
    assert.equal(c.events_received, 2 + 1 + 5 + 1);
    assert.equal(c.events_processed, 9);
    assert.equal(c.alerts_emitted, 6);
    assert.equal(c.alerts_rate_limited, 3);
    assert.deepEqual(c.skipped, { malformed: 2, unknown_kind: 1, bad_event: 1, too_large: 0, body_too_large: 1, truncated: 1, bad_method: 1, overloaded: 0, unauthorized: 0 });
    assert.deepEqual(c.alerts_by_rule, { 'Create Privileged Pod': 3, 'Anonymous Request Allowed': 3 });
    assert.deepEqual(c.rate_limited_by_rule, { 'Create Privileged Pod': 3 });
    assert.deepEqual(skips.sort(), ['bad_event', 'bad_method', 'body_too_large', 'malformed', 'malformed', 'truncated', 'unknown_kind']);

    const metrics = await (await fetch(`${srv.url}/metrics`)).text();
    assert.match(metrics, /^coastguard_runtime_events_processed_total 9$/m);
    assert.match(metrics, /^coastguard_runtime_skipped_total\{reason="truncated"\} 1$/m);
    assert.match(metrics, /^coastguard_runtime_alerts_by_rule_total\{rule="Create Privileged Pod"\} 3$/m);
    await until(() => received.length === 6);
  } finally {
    await srv.close();
    await new Promise<void>((r) => receiver.close(() => r()));
  }
  const lines = readFileSync(outFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Alert);
  assert.equal(lines.length, 6);
  assert.deepEqual(Object.keys(lines[0]).sort(), ['hostname', 'output', 'output_fields', 'priority', 'rule', 'source', 'tags', 'time']);
  assert.equal(lines[0].time, '2018-10-25T14:09:12.581541000Z');
  assert.equal(lines[0].source, 'k8s_audit');
  assert.match(lines[0].output, /^14:09:12\.581541000: Warning Pod started with privileged container \(user=system:serviceaccount:kube-system:replicaset-controller pod=nginx-deployment-5cdcc99dbf-rgw6z resource=pods ns=default images=\(nginx\) init_images=<NA> ephemeral_images=<NA>\)$/);
  assert.equal(lines[0].output_fields['ka.req.pod.initContainers.image'], null);
  assert.equal((received[0] as Alert).rule, 'Create Privileged Pod');
  rmSync(dir, { recursive: true, force: true });
});

test('serve: the handler mounts in another HTTP server; raw garbage HTTP is counted', async () => {
  const engine = RuntimeEngine.fromFiles([join(td, 'upstream', 'k8saudit', 'k8s_audit_rules.yaml')]);
  const mem = memorySink();
  const h = createRuntimeHandler({ engine, sinks: [mem] });
  const host = createServer((q, s) => h.handle(q, s));
  await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
  const port = (host.address() as AddressInfo).port;
  try {
    assert.deepEqual(await post(`http://127.0.0.1:${port}/k8s-audit`, eventList(privileged)), { status: 200, json: { accepted: 1, skipped: 0 } });
    assert.equal(mem.alerts[0].rule, 'Create Privileged Pod');
    assert.equal(h.counters.events_processed, 1);
  } finally {
    await new Promise<void>((r) => host.close(() => r()));
  }
  // Not HTTP at all, against the real listener.
  const srv = await startServer({ host: '127.0.0.1', port: 0, engine, sinks: [] });
  try {
    await new Promise<void>((resolve) => {
      const s = connect(Number(new URL(srv.url).port), '127.0.0.1', () => s.write('\x00\x01 garbage \r\n\r\n'));
      s.on('data', () => undefined);
      s.on('close', () => resolve());
      s.on('error', () => resolve());
    });
    await until(() => srv.counters.skipped.malformed === 1);
    assert.equal((await fetch(`${srv.url}/healthz`)).status, 200);
  } finally {
    await srv.close();
  }
});

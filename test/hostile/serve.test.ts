import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { join } from 'node:path';
import { RuntimeEngine } from '../../src/runtime/engine.js';
import { startServer } from '../../src/runtime/serve.js';
import type { Alert } from '../../src/runtime/engine.js';
import type { AlertSink } from '../../src/runtime/sinks.js';
import { repoRoot, tempDir } from '../helpers.js';

// `runtime serve` faces a cluster's audit webhook: unauthenticated posts, floods of unfinished
// bodies, a stdout reader that goes away. Each is refused or counted; the server keeps serving.
const td = join(repoRoot, 'src', 'runtime', 'testdata');
const rules = join(td, 'upstream', 'k8saudit', 'k8s_audit_rules.yaml');
const privileged = JSON.parse(readFileSync(join(td, 'legacy', 'trace_files', 'k8s_audit', 'create_nginx_pod_privileged.json'), 'utf8'));
const eventList = JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [privileged] });
const TOKEN = 'a-long-enough-test-token-0123456789';

function memorySink(): AlertSink & { alerts: Alert[] } {
  const alerts: Alert[] = [];
  return { name: 'memory', alerts, write: (a) => void alerts.push(a), close: async () => {}, stats: () => ({ sent: alerts.length }) };
}

test('bearer token: POSTs and /metrics need it, /healthz does not; TLS with the given certificate', async () => {
  const dir = tempDir('cg-hostile-serve-');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const cert = readFileSync(join(dir, 'cert.pem'));
  const mem = memorySink();
  const srv = await startServer({ host: '127.0.0.1', port: 0, engine: RuntimeEngine.fromFiles([rules]), sinks: [mem], token: TOKEN, tls: { cert, key: readFileSync(join(dir, 'key.pem')) } });
  const call = (path: string, method: string, headers: Record<string, string> = {}, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpsRequest(`${srv.url}${path}`, { method, headers, ca: cert }, (res) => {
        let b = '';
        res.on('data', (c) => (b += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: b }));
      });
      req.on('error', reject);
      req.end(body);
    });
  try {
    assert.match(srv.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await call('/k8s-audit', 'POST', {}, eventList)).status, 401);
    assert.equal((await call('/k8s-audit', 'POST', { authorization: 'Bearer wrong-token-wrong-token-wrong-1' }, eventList)).status, 401);
    assert.equal((await call('/metrics', 'GET')).status, 401);
    assert.equal(mem.alerts.length, 0);
    const ok = await call('/k8s-audit', 'POST', { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, eventList);
    assert.deepEqual([ok.status, JSON.parse(ok.body)], [200, { accepted: 1, skipped: 0 }]);
    assert.deepEqual(mem.alerts.map((a) => a.rule), ['Create Privileged Pod']);
    const health = await call('/healthz', 'GET');
    assert.equal(health.status, 200);
    assert.equal(JSON.parse(health.body).counters.skipped.unauthorized, 3);
  } finally {
    await srv.close();
  }
});

test('unfinished bodies: total buffered bytes are capped, the next body gets 503 and is counted', async () => {
  const srv = await startServer({ host: '127.0.0.1', port: 0, engine: RuntimeEngine.fromFiles([rules]), sinks: [memorySink()], maxBufferedBytes: 1024 * 1024 });
  const port = Number(new URL(srv.url).port);
  const sockets = Array.from({ length: 3 }, () => connect(port, '127.0.0.1'));
  const answers = sockets.map((s) => new Promise<string>((resolve) => {
    let got = '';
    s.on('data', (c) => (got += c));
    s.on('close', () => resolve(got));
    s.on('error', () => resolve(got));
  }));
  try {
    // Each declares 2 MiB and sends 450 KiB, then stalls: the third goes over the 1 MiB total.
    for (const s of sockets) {
      s.write(`POST /k8s-audit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`);
      s.write(Buffer.alloc(450 * 1024, 0x20));
      await new Promise((r) => setTimeout(r, 100));
    }
    const third = await answers[2];
    assert.match(third, /^HTTP\/1\.1 503 /);
    assert.equal(srv.counters.skipped.overloaded, 1);
  } finally {
    for (const s of sockets) s.destroy();
    await srv.close();
  }
});

test('a stdout reader that goes away: the server keeps serving and counts the failed alerts', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/cli/bin.ts'), 'runtime', 'serve', '--listen', '127.0.0.1:0', '--rules', rules, '--stdout'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => {
        err += s;
        const m = /listening on (http:\/\/[^/\s]+)\/k8s-audit/.exec(err);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
    child.stdout.destroy(); // the reader is gone: writes to stdout now fail with EPIPE
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${url}/k8s-audit`, { method: 'POST', body: eventList, headers: { 'content-type': 'application/json' } });
      assert.equal(r.status, 200);
      await new Promise((res) => setTimeout(res, 200));
    }
    const health = (await (await fetch(`${url}/healthz`)).json()) as { sinks: { stdout: { sent: number; failed: number } } };
    assert.equal(child.exitCode, null, 'serve is still running');
    assert.equal(health.sinks.stdout.sent + health.sinks.stdout.failed, 3);
    assert.ok(health.sinks.stdout.failed >= 1, JSON.stringify(health.sinks));
  } finally {
    child.kill('SIGTERM');
  }
});

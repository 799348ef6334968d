import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import type { Finding } from '../core/types.js';
import { slackBody, Webhooks } from './webhooks.js';

const finding = (id: string, severity: Finding['severity'], fixed?: string): Finding => ({
  kind: 'vulnerability',
  id,
  aliases: [],
  severity,
  title: id,
  target: 'usr/lib/x',
  location: { path: 'var/lib/dpkg/status' },
  fingerprint: `fp-${id}`,
  package: { name: 'openssl', version: '3.0.1-1' },
  ...(fixed ? { fixedVersion: fixed } : {}),
});

/** A receiver that answers 503 to the first `failures` requests, then 200. */
async function receiver(failures: number) {
  const got: { status: number; body: string }[] = [];
  const server = createServer((req, res) => {
    let b = '';
    req.on('data', (c: Buffer) => (b += c.toString()));
    req.on('end', () => {
      const status = got.length < failures ? 503 : 200;
      got.push({ status, body: b });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, got, close: () => new Promise((r) => server.close(r)) };
}

test('a webhook delivery is retried with back-off until the receiver takes it, and sent once per change', async () => {
  const r = await receiver(2);
  const w = new Webhooks({ urls: [r.url], format: 'native', backoffMs: 20 });
  const change = { type: 'findings.new' as const, cause: 'db-change' as const, image: { name: 'app:1', digest: 'sha256:' + 'a'.repeat(64) }, findings: [finding('CVE-2024-1', 'HIGH', '3.0.2-1')] };
  w.onChange(change);
  w.onChange({ ...change }); // the same change again: not sent twice
  await w.idle();
  assert.deepEqual(r.got.map((g) => g.status), [503, 503, 200]);
  assert.deepEqual(JSON.parse(r.got[2].body), { event: 'findings.new', cause: 'db-change', image: change.image, findings: change.findings });
  assert.equal(w.delivered, 1);
  // A different change (resolved) is its own delivery.
  w.onChange({ ...change, type: 'findings.resolved' });
  await w.idle();
  assert.equal(r.got.length, 4);
  assert.equal(JSON.parse(r.got[3].body).event, 'findings.resolved');
  await r.close();
});

test('a receiver that keeps failing is given up after the last attempt, with one log line', async () => {
  const r = await receiver(100);
  const lines: string[] = [];
  const w = new Webhooks({ urls: [r.url], format: 'native', backoffMs: 5, attempts: 3, log: (l) => lines.push(l) });
  w.onChange({ type: 'findings.new', cause: 'scan', image: { name: 'a', digest: 'sha256:' + 'b'.repeat(64) }, findings: [finding('CVE-2024-2', 'LOW')] });
  await w.idle();
  assert.equal(r.got.length, 3);
  assert.equal(w.failed, 1);
  assert.deepEqual(lines, [`coastguard server: warning: webhook delivery failed after 3 attempts (HTTP 503): ${r.url}`]);
  await r.close();
});

test('--webhook-format slack: one text with a line per finding', () => {
  const body = slackBody({ type: 'findings.new', cause: 'db-change', image: { name: 'shop:1.0', digest: 'sha256:' + 'c'.repeat(64) }, findings: [finding('CVE-2024-1', 'HIGH', '3.0.2-1'), finding('CVE-2024-3', 'LOW')] });
  assert.deepEqual(body, {
    text: ['*2 new findings* in `shop:1.0` (sha256:cccccccccccc)', '• CVE-2024-1 (HIGH) in openssl 3.0.1-1 → 3.0.2-1', '• CVE-2024-3 (LOW) in openssl 3.0.1-1'].join('\n'),
  });
});

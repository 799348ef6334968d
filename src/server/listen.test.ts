import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { request } from 'node:https';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { DEFAULT_LISTEN, parseListen, startServer } from './index.js';

test('the server listens on loopback unless told otherwise', () => {
  assert.equal(DEFAULT_LISTEN, '127.0.0.1:4954');
  assert.deepEqual(parseListen('4954'), { host: '127.0.0.1', port: 4954 });
  assert.deepEqual(parseListen(':8080'), { host: '127.0.0.1', port: 8080 });
  assert.deepEqual(parseListen('[::1]:9000'), { host: '::1', port: 9000 });
  assert.deepEqual(parseListen('0.0.0.0:4954'), { host: '0.0.0.0', port: 4954 });
  assert.throws(() => parseListen('localhost'), /listen address must be HOST:PORT/);
  assert.throws(() => parseListen('1.2.3.4:99999'), /listen address must be HOST:PORT/);
});

test('--tls-cert/--tls-key: the API answers over HTTPS with that certificate', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const s = await startServer({ host: '127.0.0.1', port: 0, store: join(dir, 'store.db'), adminTokenFile: join(dir, 'admin'), tls: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') }, log: () => undefined });
    try {
      assert.match(s.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = readFileSync(join(dir, 'cert.pem'));
      const get = (path: string, token?: string) =>
        new Promise<{ status: number; body: any }>((resolve, reject) => {
          const req = request(s.url + path, { ca, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
            let b = '';
            res.on('data', (c: Buffer) => (b += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(b) }));
          });
          req.on('error', reject);
          req.end();
        });
      assert.deepEqual(await get('/api/v1/health'), { status: 200, body: { status: 'ok', store: 'sqlite', vulnDb: null } });
      assert.equal((await get('/api/v1/images')).status, 401);
      assert.deepEqual((await get('/api/v1/images', s.adminToken)).body, { items: [], total: 0, limit: 100, offset: 0 });
      assert.equal(s.adminTokenCreated, true);
    } finally {
      await s.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

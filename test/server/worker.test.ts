/**
 * Scale-out: a `coastguard worker` killed (SIGKILL) in the middle of a server-side scan. The job
 * must run again on another worker, and the store must end with one image, its findings once,
 * and one findings.new event per finding. Real PostgreSQL, real registry, real processes; a
 * small HTTP relay in front of the registry holds blob downloads so the kill lands mid-job.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { repoRoot, tempDir } from '../helpers.js';
import { runCli } from '../support/cli.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { api, startServerProcess, startWorkerProcess, waitFor, type TestServer } from '../support/server.js';

let pgc: TestPostgres;
let registry: TestRegistry;
const procs: TestServer[] = [];
let relay: ReturnType<typeof createServer>;
let relayHost: string;
let gateOpen = false;
const held: (() => void)[] = [];
let blobRequests = 0;

before(async () => {
  pgc = await startPostgres();
  registry = await startRegistry(tempDir('cg-worker-reg-'));
  await registry.push(`docker-archive:${join(repoRoot, 'samples', 'debian13-sample.tar')}`, 'team/sample:1');
  const [rhost, rport] = registry.host.split(':');
  relay = createServer((req: IncomingMessage, res: ServerResponse) => {
    const forward = () => {
      const up = request({ host: rhost, port: Number(rport), method: req.method, path: req.url, headers: { ...req.headers, host: registry.host } }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
    };
    if (!gateOpen && req.url?.includes('/blobs/')) {
      blobRequests++;
      held.push(forward);
    } else forward();
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
  relayHost = `127.0.0.1:${(relay.address() as { port: number }).port}`;
});

after(async () => {
  for (const p of procs) if (p.proc.exitCode === null && p.proc.signalCode === null) await p.stop();
  relay?.closeAllConnections();
  relay?.close();
  await registry?.stop();
  await pgc?.stop();
});

test('a worker killed mid-job: the job runs again on another worker; nothing lost, nothing twice', async () => {
  const dir = tempDir('cg-worker-');
  const db = join(dir, 'vuln.db');
  assert.equal((await runCli(['db', 'build', '--quiet', '--output', db, join(repoRoot, 'samples', 'debian-security-tracker.json')])).code, 0);
  const store = pgc.createDb('coastguard_workers');
  const creds = { COASTGUARD_USERNAME: registry.user, COASTGUARD_PASSWORD: registry.password };
  // The server only enqueues: every scan happens in a worker.
  const server = await startServerProcess(['--store', store, '--db', db, '--admin-token-file', join(dir, 'admin'), '--scan-workers', '0'], undefined, { ...creds, COASTGUARD_CACHE_DIR: join(dir, 'cache-server') });
  procs.push(server);
  const admin = readFileSync(join(dir, 'admin'), 'utf8').trim();
  const first = await startWorkerProcess(['--store', store, '--db', db, '--insecure'], { ...creds, COASTGUARD_CACHE_DIR: join(dir, 'cache-a') });
  procs.push(first);

  const ref = `${relayHost}/team/sample:1`;
  const r = await api(server.url, '/api/v1/scan-requests', admin, { body: { ref } });
  assert.equal(r.status, 202);
  await waitFor(async () => blobRequests > 0, 60_000, 'the first worker to start downloading');
  const running = (await api(server.url, `/api/v1/scan-requests/${r.body.id}`, admin)).body;
  assert.deepEqual([running.status, running.attempts], ['running', 1]);
  first.proc.kill('SIGKILL');
  await new Promise((res) => first.proc.once('exit', res));
  held.length = 0; // the dead worker's downloads are dropped with it
  gateOpen = true;

  const second = await startWorkerProcess(['--store', store, '--db', db, '--insecure'], { ...creds, COASTGUARD_CACHE_DIR: join(dir, 'cache-b') });
  procs.push(second);
  const done = await waitFor(async () => {
    const x = (await api(server.url, `/api/v1/scan-requests/${r.body.id}`, admin)).body;
    return x.status === 'done' && x;
  }, 90_000, 'the retried job');
  assert.equal(done.attempts, 2);

  const images = (await api(server.url, '/api/v1/images', admin)).body;
  assert.equal(images.total, 1);
  assert.equal(images.items[0].digest, done.digest);
  const findings = (await api(server.url, `/api/v1/images/${encodeURIComponent(done.digest)}/findings?kind=vulnerability`, admin)).body;
  assert.equal(findings.total, 72);
  const events = (await api(server.url, `/api/v1/events?digest=${encodeURIComponent(done.digest)}&limit=5000`, admin)).body.items;
  const fps = events.filter((e: any) => e.finding.kind === 'vulnerability').map((e: any) => e.finding.fingerprint);
  assert.equal(fps.length, 72);
  assert.equal(new Set(fps).size, 72);

  // graphile-worker's own books: the job is gone (completed), none left locked or failed.
  const c = new pg.Client({ connectionString: store });
  await c.connect();
  try {
    const left = await c.query('SELECT count(*)::int AS n FROM graphile_worker.jobs');
    assert.equal(left.rows[0].n, 0);
  } finally {
    await c.end();
  }
});

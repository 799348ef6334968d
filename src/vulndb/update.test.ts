import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoastguardError, ExitCode } from '../core/errors.js';
import { updateDb } from './update.js';
import { openVulnDb } from './store.js';
import { fixture, tempDir } from './testing.js';
import { main, reportError } from '../cli/main.js';

// A local feed server: one OSV file with an ETag, a sha256 sidecar, and switchable failures.
const LODASH = readFileSync(fixture('ghsa', 'GHSA-p6mc-m468-83gw.json'));
const MINIMIST = readFileSync(fixture('ghsa', 'GHSA-xvch-5gv4-984h.json'));
const state = { body: LODASH, etag: '"v1"', mode: 'ok' as 'ok' | 'truncated' | 'garbage' | 'badsum' | 'error' | 'huge' };
const log: { url?: string; ifNoneMatch?: string }[] = [];
let server: Server;
let base = '';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const GARBAGE = Buffer.from('{"id": "GHSA-broken", "affected": 42}');

before(async () => {
  server = createServer((req: IncomingMessage, res) => {
    log.push({ url: req.url, ifNoneMatch: req.headers['if-none-match'] as string | undefined });
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/feed.json.sha256') {
      const served = state.mode === 'garbage' ? GARBAGE : state.mode === 'badsum' ? Buffer.from('something else') : state.body;
      res.end(`${sha(served)}  feed.json\n`);
      return;
    }
    if (path !== '/feed.json') return void res.writeHead(404).end();
    if (state.mode === 'error') return void res.writeHead(500).end('boom');
    if (state.mode === 'ok' && req.headers['if-none-match'] === state.etag) return void res.writeHead(304).end();
    if (state.mode === 'huge') {
      // Declares more than the feed limit: refused before a byte is stored.
      res.writeHead(200, { 'content-length': String(2 ** 30 + 1) });
      res.write('{');
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    if (state.mode === 'truncated') {
      res.writeHead(200, { 'content-length': String(state.body.length), etag: '"v9"' });
      res.write(state.body.subarray(0, 100));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    const body = state.mode === 'garbage' ? GARBAGE : state.body;
    res.writeHead(200, { 'content-length': String(body.length), etag: state.mode === 'ok' ? state.etag : '"v8"', 'last-modified': 'Tue, 24 Nov 2026 10:00:00 GMT' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

test('update downloads, then sends If-None-Match and skips the rebuild on 304, then picks up a change; broken downloads leave the DB working', async () => {
  const dir = tempDir();
  const dbPath = join(dir, 'db', 'coastguard.db');
  const feedDir = join(dir, 'feeds');
  const sources = [{ url: `${base}/feed.json`, checksumUrl: `${base}/feed.json.sha256` }];
  const opts = { dbPath, feedDir, sources };

  const first = await updateDb({ ...opts, now: new Date('2026-11-25T10:00:00Z') });
  assert.deepEqual([first.updated, first.downloaded, first.notModified], [true, [`${base}/feed.json`], []]);
  assert.equal(log.find((l) => l.url === '/feed.json')?.ifNoneMatch, undefined);
  let db = openVulnDb(dbPath);
  assert.deepEqual(db.affected('npm', 'lodash').map((r) => r.vulnId), ['GHSA-p6mc-m468-83gw']);
  const src = db.info().sources[0];
  assert.deepEqual([src.location, src.etag, src.lastModified, src.sha256], [`${base}/feed.json`, '"v1"', 'Tue, 24 Nov 2026 10:00:00 GMT', sha(LODASH)]);
  db.close();

  log.length = 0;
  const second = await updateDb({ ...opts, now: new Date('2026-11-25T11:00:00Z') });
  assert.deepEqual([second.updated, second.downloaded, second.notModified], [false, [], [`${base}/feed.json`]]);
  assert.equal(log.find((l) => l.url === '/feed.json')?.ifNoneMatch, '"v1"');
  db = openVulnDb(dbPath);
  assert.equal(db.builtAt.toISOString(), '2026-11-25T10:00:00.000Z'); // not rebuilt
  db.close();

  state.body = MINIMIST;
  state.etag = '"v2"';
  const third = await updateDb({ ...opts, now: new Date('2026-11-25T12:00:00Z') });
  assert.deepEqual([third.updated, third.downloaded], [true, [`${base}/feed.json`]]);
  const goodBytes = readFileSync(dbPath);
  const cacheBefore = readdirSync(feedDir).sort();
  const indexBefore = readFileSync(join(feedDir, 'index.json'), 'utf8');

  const expectIntact = () => {
    assert.deepEqual(readFileSync(dbPath), goodBytes);
    const d = openVulnDb(dbPath);
    assert.deepEqual(d.affected('npm', 'minimist').map((r) => r.vulnId), ['GHSA-xvch-5gv4-984h', 'GHSA-xvch-5gv4-984h']);
    assert.equal(d.builtAt.toISOString(), '2026-11-25T12:00:00.000Z');
    d.close();
    assert.deepEqual(readdirSync(feedDir).sort(), cacheBefore); // no temp files, cached feed kept
    assert.equal(readFileSync(join(feedDir, 'index.json'), 'utf8'), indexBefore);
    assert.deepEqual(readdirSync(join(dir, 'db')), ['coastguard.db']);
  };
  const fails = async (mode: typeof state.mode, code: number, re: RegExp) => {
    state.mode = mode;
    await assert.rejects(updateDb({ ...opts, force: true }), (e: CoastguardError) => {
      assert.ok(e instanceof CoastguardError, String(e));
      assert.equal(e.exitCode, code);
      assert.match(e.message, re);
      return true;
    });
    expectIntact();
  };
  await fails('truncated', ExitCode.NETWORK, /^download (interrupted|incomplete)/);
  await fails('garbage', ExitCode.DB, /^update failed, existing database left unchanged \(OSV record GHSA-broken: "affected" is not a list: http:\/\/127\.0\.0\.1:\d+\/feed\.json\): /);
  await fails('badsum', ExitCode.DB, /^checksum mismatch \(expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}\)/);
  await fails('huge', ExitCode.DB, /^feed is 1073741825 bytes, over the 1073741824-byte limit: http/);
  await fails('error', ExitCode.NETWORK, /^download failed: HTTP 500: http:\/\/127\.0\.0\.1:\d+\/feed\.json$/);
  state.mode = 'ok';

  // The CLI prints one line and the documented exit code.
  const out: string[] = [];
  const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) } } as unknown as { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream };
  assert.equal(await main(['db', 'update', '--db', dbPath, '--cache-dir', dir, '--source', `${base}/feed.json`], io), 0);
  assert.match(out.join(''), /is up to date \(1 feeds not modified\)/);
  state.mode = 'error';
  let code = 0;
  try {
    await main(['db', 'update', '--db', dbPath, '--cache-dir', dir, '--source', `${base}/feed.json`, '--force'], io);
  } catch (e) {
    code = reportError(e, false, io.stderr);
  }
  state.mode = 'ok';
  assert.equal(code, ExitCode.NETWORK);
  assert.equal(out.at(-1), `coastguard: download failed: HTTP 500: ${base}/feed.json\n`);
  expectIntact();

  // Without --source: the URL sources the DB records (then <cache>/sources.json when present).
  log.length = 0;
  assert.equal(await main(['db', 'update', '--db', dbPath, '--cache-dir', dir], io), 0);
  assert.deepEqual(log.map((l) => l.url), ['/feed.json']);
  writeFileSync(join(dir, 'sources.json'), JSON.stringify([{ url: `${base}/feed.json?from=sources`, checksumUrl: `${base}/feed.json.sha256` }]));
  log.length = 0;
  assert.equal(await main(['db', 'update', '--db', dbPath, '--cache-dir', dir], io), 0);
  assert.deepEqual(log.map((l) => l.url), ['/feed.json?from=sources', '/feed.json.sha256']);
  const d = openVulnDb(dbPath);
  assert.deepEqual(d.info().sources.map((x) => x.location), [`${base}/feed.json?from=sources`]);
  d.close();

  // `db build` takes URLs too, with an optional pinned checksum.
  const built = join(dir, 'from-url.db');
  assert.equal(await main(['db', 'build', '-q', '-o', built, `${base}/feed.json#sha256=${sha(state.body)}`], io), 0);
  const u = openVulnDb(built);
  assert.deepEqual([u.info().sources[0].location, u.info().sources[0].etag], [`${base}/feed.json`, '"v2"']);
  u.close();
  await assert.rejects(main(['db', 'build', '-q', '-o', built, `${base}/feed.json#sha256=${'0'.repeat(64)}`], io), (e: CoastguardError) => e.exitCode === ExitCode.DB && /^checksum mismatch/.test(e.what));
});

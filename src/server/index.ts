/**
 * `coastguard server`: a store of scan results (SQLite or PostgreSQL), its API, re-matching of
 * every stored inventory when the vulnerability DB changes, webhooks, and server-side scans
 * through a job queue. Front door of src/server/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configError } from '../core/errors.js';
import { cacheDir } from '../vulndb/index.js';
import { loadAdminToken } from './auth.js';
import { ServerCore, type RematchStats } from './core.js';
import { listen, type RunningHttp } from './server.js';
import type { ServerServices } from './services.js';
import { isPostgresUrl, Store } from './store/index.js';
import { ServerVulnDb } from './vuln-db.js';
import { Webhooks, type WebhookFormat } from './webhooks.js';
import { InProcessQueue } from './queue/in-process.js';
import type { PullAuth, ScanQueue } from './queue/types.js';
import { RegistryWatch } from './registry-watch.js';
import { runScanRequest, type ServerScanOptions } from './scan-job.js';

export { Store, isPostgresUrl } from './store/index.js';
export { ServerCore } from './core.js';
export { uploadScan } from './upload.js';
export type { UiContext } from './ui-context.js';

export const DEFAULT_LISTEN = '127.0.0.1:4954';
export const defaultStorePath = (cache?: string) => join(cacheDir(cache), 'server', 'coastguard-server.db');

export interface ServerConfig {
  host: string;
  port: number;
  store: string;
  /** The vulnerability DB file the server matches with (and watches). */
  db?: string;
  adminTokenFile: string;
  webhooks?: string[];
  webhookFormat?: WebhookFormat;
  webhookBackoffMs?: number;
  tls?: { certFile: string; keyFile: string };
  /** How often the DB file is looked at (ms). */
  dbPollMs?: number;
  /** Run `db update` with the DB's own URL sources this often (ms). */
  dbUpdateIntervalMs?: number;
  maxBodyBytes?: number;
  requestTimeoutMs?: number;
  /** Server-side scans this process runs at once (default 1; 0 with PostgreSQL = only `coastguard worker`s scan). */
  scanWorkers?: number;
  /** Repository tags polled for new digests (`--watch`). */
  watch?: string[];
  watchIntervalMs?: number;
  /** Plain-HTTP registries allowed for server-side scans. */
  insecure?: boolean;
  cacheDir?: string;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  adminToken: string;
  adminTokenCreated: boolean;
  core: ServerCore;
  store: Store;
  webhooks?: Webhooks;
  close(): Promise<void>;
}

/** "HOST:PORT", "[IPv6]:PORT", ":PORT" or "PORT" (loopback). */
export function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text) ?? (/^(\d{1,5})$/.test(text) ? [text, undefined, '', text] : null);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw configError('listen address must be HOST:PORT (e.g. 127.0.0.1:4954)', '--listen');
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}

export async function startServer(c: ServerConfig): Promise<RunningServer> {
  const log = c.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const { token: adminToken, created } = loadAdminToken(c.adminTokenFile);
  const tls = c.tls && { cert: readTlsFile(c.tls.certFile, '--tls-cert'), key: readTlsFile(c.tls.keyFile, '--tls-key') };
  const vulnDb = new ServerVulnDb(c.db);
  vulnDb.open();
  const store = await Store.open(c.store);
  const core = new ServerCore(store, vulnDb);
  const services: ServerServices = {};
  services.queue = await openQueue(c.store, store, core, c.scanWorkers ?? 1, { cacheDir: c.cacheDir, insecure: c.insecure }, log);
  let watch: RegistryWatch | undefined;
  if (c.watch?.length) {
    watch = new RegistryWatch(c.watch, store, services.queue, { insecure: c.insecure, log });
    watch.start(c.watchIntervalMs ?? 300_000);
  }
  let webhooks: Webhooks | undefined;
  if (c.webhooks?.length) {
    webhooks = new Webhooks({ urls: c.webhooks, format: c.webhookFormat ?? 'native', backoffMs: c.webhookBackoffMs, log });
    core.on('change', webhooks.onChange);
  }
  core.on('rematch', (s: RematchStats) => log(`coastguard server: re-matched ${s.images} images (${s.packages} packages) in ${s.ms} ms: ${s.newFindings} new, ${s.resolvedFindings} resolved findings`));
  const rematch = () => core.rematchAll().catch((e: Error) => log(`coastguard server: warning: re-match failed: ${e.message}`));
  // A DB newer than the last re-match (changed while the server was down) is matched now.
  const builtAt = vulnDb.current?.builtAt.toISOString();
  if (builtAt && (await store.getMeta('rematched_db_built_at')) !== builtAt) void rematch().then(() => store.setMeta('rematched_db_built_at', builtAt).catch(() => undefined));
  vulnDb.watch(c.dbPollMs ?? 1000, (r) => {
    if (r.result === 'refused') {
      log(`coastguard server: warning: new vulnerability DB refused, the old one is kept: ${r.error}`);
      return;
    }
    log(`coastguard server: vulnerability DB changed (built ${vulnDb.current?.builtAt.toISOString()}), re-matching`);
    const b = vulnDb.current?.builtAt.toISOString();
    void rematch().then(async () => {
      if (b) await store.setMeta('rematched_db_built_at', b).catch(() => undefined);
    });
  });
  let updater: NodeJS.Timeout | undefined;
  if (c.dbUpdateIntervalMs && c.db) updater = scheduleDbUpdate(c.db, c.dbUpdateIntervalMs, vulnDb, c.cacheDir, log);
  let http: RunningHttp;
  try {
    http = await listen(core, store, services, { host: c.host, port: c.port, adminToken, tls, maxBodyBytes: c.maxBodyBytes, requestTimeoutMs: c.requestTimeoutMs, log });
  } catch (e) {
    vulnDb.close();
    await services.queue.close();
    await store.close();
    throw configError(`cannot listen on ${c.host}:${c.port} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, '--listen');
  }
  return {
    url: http.url,
    adminToken,
    adminTokenCreated: created,
    core,
    store,
    webhooks,
    async close() {
      if (updater) clearInterval(updater);
      watch?.stop();
      webhooks?.close();
      await http.close();
      await services.queue?.close();
      await core.rematchAll().catch(() => undefined);
      vulnDb.close();
      await store.close();
    },
  };
}

/** In-process on SQLite; graphile-worker on PostgreSQL (so `coastguard worker`s elsewhere share it). */
async function openQueue(spec: string, store: Store, core: ServerCore, workers: number, o: { cacheDir?: string; insecure?: boolean }, log: (l: string) => void): Promise<ScanQueue> {
  const scanOpts: ServerScanOptions = { cacheDir: o.cacheDir ?? cacheDir(), insecure: o.insecure };
  const work = (id: string, finalAttempt: boolean, pull?: PullAuth) => runScanRequest(core, id, scanOpts, finalAttempt, pull);
  if (isPostgresUrl(spec)) {
    const { PostgresQueue } = await import('./queue/postgres.js');
    return PostgresQueue.open(spec, store, { concurrency: workers, work, log });
  }
  const q = new InProcessQueue(store, work, log);
  await q.start();
  return q;
}

export interface WorkerConfig {
  store: string;
  db?: string;
  concurrency?: number;
  webhooks?: string[];
  webhookFormat?: WebhookFormat;
  insecure?: boolean;
  cacheDir?: string;
  dbPollMs?: number;
  log?: (line: string) => void;
}

/**
 * `coastguard worker`: takes server-side scan jobs from the PostgreSQL queue and stores their
 * results in the same store. Any number run on any machine; each needs the DB file (kept fresh
 * by the same file watch as the server's; the server alone re-matches on a change).
 */
export async function startWorker(c: WorkerConfig): Promise<{ close(): Promise<void>; queue: ScanQueue }> {
  const log = c.log ?? ((l: string) => process.stderr.write(l + '\n'));
  if (!isPostgresUrl(c.store)) throw configError('a worker needs the PostgreSQL store the server uses (postgres://…)', '--store');
  const vulnDb = new ServerVulnDb(c.db);
  vulnDb.open();
  vulnDb.watch(c.dbPollMs ?? 1000, (r) => {
    if (r.result === 'refused') log(`coastguard worker: warning: new vulnerability DB refused, the old one is kept: ${r.error}`);
  });
  const store = await Store.open(c.store);
  const core = new ServerCore(store, vulnDb);
  let webhooks: Webhooks | undefined;
  if (c.webhooks?.length) {
    webhooks = new Webhooks({ urls: c.webhooks, format: c.webhookFormat ?? 'native', log });
    core.on('change', webhooks.onChange);
  }
  const queue = await openQueue(c.store, store, core, c.concurrency ?? 1, { cacheDir: c.cacheDir, insecure: c.insecure }, log);
  return {
    queue,
    async close() {
      await queue.close();
      webhooks?.close();
      vulnDb.close();
      await store.close();
    },
  };
}

function readTlsFile(file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw configError(`cannot read ${flag} file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file);
  }
}

/** `--db-update-interval`: `db update` with the URL sources the DB records; the file watch then re-matches. */
function scheduleDbUpdate(dbPath: string, everyMs: number, vulnDb: ServerVulnDb, cache: string | undefined, log: (l: string) => void): NodeJS.Timeout {
  const run = async () => {
    const urls = vulnDb.current?.info().sources.map((s) => s.location).filter((l) => /^https?:\/\//.test(l)) ?? [];
    if (urls.length === 0) {
      log('coastguard server: --db-update-interval: the DB records no URL sources; nothing to update');
      return;
    }
    const { updateDb, feedCacheDir } = await import('../vulndb/index.js');
    try {
      const r = await updateDb({ dbPath, feedDir: feedCacheDir(cache), sources: urls.map((url) => ({ url })) });
      log(`coastguard server: db update: ${r.updated ? 'rebuilt' : 'no change'} (${r.downloaded.length} downloaded, ${r.notModified.length} not modified)`);
    } catch (e) {
      log(`coastguard server: warning: db update failed, the old DB is kept: ${(e as Error).message}`);
    }
  };
  let busy = false;
  const t = setInterval(() => {
    if (busy) return; // one update at a time, however short the interval
    busy = true;
    void run().finally(() => (busy = false));
  }, everyMs);
  t.unref();
  return t;
}

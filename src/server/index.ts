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
import { Store } from './store/index.js';
import { ServerVulnDb } from './vuln-db.js';
import { Webhooks, type WebhookFormat } from './webhooks.js';

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
  if (c.dbUpdateIntervalMs && c.db) updater = scheduleDbUpdate(c.db, c.dbUpdateIntervalMs, vulnDb, log);
  let http: RunningHttp;
  try {
    http = await listen(core, store, services, { host: c.host, port: c.port, adminToken, tls, maxBodyBytes: c.maxBodyBytes, requestTimeoutMs: c.requestTimeoutMs, log });
  } catch (e) {
    vulnDb.close();
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
      webhooks?.close();
      await http.close();
      await services.queue?.close();
      await core.rematchAll().catch(() => undefined);
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
function scheduleDbUpdate(dbPath: string, everyMs: number, vulnDb: ServerVulnDb, log: (l: string) => void): NodeJS.Timeout {
  const run = async () => {
    const urls = vulnDb.current?.info().sources.map((s) => s.location).filter((l) => /^https?:\/\//.test(l)) ?? [];
    if (urls.length === 0) {
      log('coastguard server: --db-update-interval: the DB records no URL sources; nothing to update');
      return;
    }
    const { updateDb, feedCacheDir } = await import('../vulndb/index.js');
    try {
      const r = await updateDb({ dbPath, feedDir: feedCacheDir(), sources: urls.map((url) => ({ url })) });
      log(`coastguard server: db update: ${r.updated ? 'rebuilt' : 'no change'} (${r.downloaded.length} downloaded, ${r.notModified.length} not modified)`);
    } catch (e) {
      log(`coastguard server: warning: db update failed, the old DB is kept: ${(e as Error).message}`);
    }
  };
  const t = setInterval(() => void run(), everyMs);
  t.unref();
  return t;
}

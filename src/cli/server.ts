import { join } from 'node:path';
import { CoastguardError, ExitCode } from '../core/errors.js';
import { parseAge } from '../vulndb/index.js';
import { cacheDir } from '../vulndb/paths.js';
import type { Command } from './command.js';
import { flagList } from './flag-values.js';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export const command: Command = {
  name: 'server',
  summary: 'keep scan results, serve the API, re-match stored images when the DB changes, send webhooks',
  usage: [
    'Usage: coastguard server [--listen HOST:PORT] [--store PATH|postgres://…] [--db FILE] [--admin-token-file FILE] [flags]',
    '',
    '  --listen HOST:PORT        where to listen (default 127.0.0.1:4954: loopback only)',
    '  --store PATH|URL          SQLite file (default <cache dir>/server/coastguard-server.db) or postgres://user@host/db',
    '  --db FILE                 vulnerability DB to match with; watched: a replaced file re-matches every stored image',
    '  --db-update-interval DUR  run `db update` with the DB\'s URL sources this often (e.g. 6h)',
    '  --admin-token-file FILE   admin bearer token (created with a random token if missing; default <cache dir>/server/admin-token)',
    '  --webhook URL             POST new/resolved findings per image here (repeatable)',
    '  --webhook-format F        native (default) or slack',
    '  --tls-cert FILE --tls-key FILE   serve HTTPS',
    '  --max-body-mb N           largest request body (default 64)',
    '  --scan-workers N          server-side scans run here at once (default 1; 0 with PostgreSQL: only `coastguard worker`s)',
    '  --watch REPO:TAG          poll this tag for new digests and scan them (repeatable)',
    '  --watch-interval DUR      how often --watch polls (default 5m)',
    '  --insecure                allow plain-HTTP registries for server-side scans',
    '  --cache-dir DIR',
  ].join('\n'),
  options: {
    listen: { type: 'string' },
    store: { type: 'string' },
    db: { type: 'string' },
    'db-update-interval': { type: 'string' },
    'admin-token-file': { type: 'string' },
    webhook: { type: 'string', multiple: true },
    'webhook-format': { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'max-body-mb': { type: 'string' },
    'cache-dir': { type: 'string' },
    'scan-workers': { type: 'string' },
    watch: { type: 'string', multiple: true },
    'watch-interval': { type: 'string' },
    insecure: { type: 'boolean' },
  },
  async run(ctx) {
    const { startServer, parseListen, defaultStorePath, DEFAULT_LISTEN } = await import('../server/index.js');
    const v = ctx.values;
    const cache = str(v['cache-dir']);
    const { host, port } = parseListen(str(v.listen) ?? DEFAULT_LISTEN);
    const format = str(v['webhook-format']) ?? 'native';
    if (format !== 'native' && format !== 'slack') throw new CoastguardError(`--webhook-format must be native or slack, not "${format}"`, '--webhook-format', ExitCode.USAGE);
    const webhooks = flagList(v.webhook);
    for (const w of webhooks) if (!/^https?:\/\/\S+$/.test(w)) throw new CoastguardError(`--webhook must be an http(s) URL, not "${w}"`, '--webhook', ExitCode.USAGE);
    const certFile = str(v['tls-cert']);
    const keyFile = str(v['tls-key']);
    if (!!certFile !== !!keyFile) throw new CoastguardError('--tls-cert and --tls-key go together', '--tls-cert', ExitCode.USAGE);
    let dbUpdateIntervalMs: number | undefined;
    if (v['db-update-interval'] !== undefined) {
      try {
        dbUpdateIntervalMs = parseAge(String(v['db-update-interval']));
      } catch (e) {
        throw new CoastguardError((e as Error).message, '--db-update-interval', ExitCode.USAGE);
      }
    }
    let maxBodyBytes: number | undefined;
    if (v['max-body-mb'] !== undefined) {
      const n = Number(v['max-body-mb']);
      if (!Number.isFinite(n) || n <= 0) throw new CoastguardError('--max-body-mb must be a positive number', '--max-body-mb', ExitCode.USAGE);
      maxBodyBytes = Math.round(n * 1024 * 1024);
    }
    const scanWorkers = v['scan-workers'] === undefined ? undefined : Number(v['scan-workers']);
    if (scanWorkers !== undefined && (!Number.isInteger(scanWorkers) || scanWorkers < 0 || scanWorkers > 64)) throw new CoastguardError('--scan-workers must be a whole number from 0 to 64', '--scan-workers', ExitCode.USAGE);
    let watchIntervalMs: number | undefined;
    if (v['watch-interval'] !== undefined) {
      try {
        watchIntervalMs = parseAge(String(v['watch-interval']));
      } catch (e) {
        throw new CoastguardError((e as Error).message, '--watch-interval', ExitCode.USAGE);
      }
    }
    const adminTokenFile = str(v['admin-token-file']) ?? join(cacheDir(cache), 'server', 'admin-token');
    const log = (line: string) => void ctx.stderr.write(line + '\n');
    const s = await startServer({
      host,
      port,
      store: str(v.store) ?? defaultStorePath(cache),
      db: str(v.db),
      adminTokenFile,
      webhooks,
      webhookFormat: format,
      tls: certFile && keyFile ? { certFile, keyFile } : undefined,
      dbUpdateIntervalMs,
      maxBodyBytes,
      scanWorkers,
      watch: flagList(v.watch),
      watchIntervalMs,
      insecure: v.insecure === true,
      cacheDir: cacheDir(cache),
      log,
    });
    log(`coastguard server: listening on ${s.url} (store: ${s.store.kind}${s.core.vulnDb.current ? `, DB built ${s.core.vulnDb.current.builtAt.toISOString()}` : ', no vulnerability DB'})`);
    if (s.adminTokenCreated) log(`coastguard server: admin token written to ${adminTokenFile}`);
    await untilSignal();
    log('coastguard server: stopping');
    await s.close();
    return ExitCode.OK;
  },
};

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

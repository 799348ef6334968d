import { CoastguardError, ExitCode } from '../core/errors.js';
import { cacheDir } from '../vulndb/paths.js';
import type { Command } from './command.js';
import { flagList } from './flag-values.js';
import { untilSignal } from './server.js';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export const command: Command = {
  name: 'worker',
  summary: "run server-side scans from the server's PostgreSQL job queue (scale-out)",
  usage: [
    'Usage: coastguard worker --store postgres://… [--db FILE] [--concurrency N] [flags]',
    '',
    '  --store URL              the PostgreSQL store the server uses (queue and results)',
    '  --db FILE                vulnerability DB to match with (watched like the server\'s)',
    '  --concurrency N          jobs at once (default 1)',
    '  --webhook URL            send new/resolved findings of this worker\'s scans here too (repeatable)',
    '  --webhook-format F       native (default) or slack',
    '  --insecure               allow plain-HTTP registries',
    '  --cache-dir DIR',
  ].join('\n'),
  options: {
    store: { type: 'string' },
    db: { type: 'string' },
    concurrency: { type: 'string' },
    webhook: { type: 'string', multiple: true },
    'webhook-format': { type: 'string' },
    insecure: { type: 'boolean' },
    'cache-dir': { type: 'string' },
  },
  async run(ctx) {
    const v = ctx.values;
    const store = str(v.store);
    if (!store) throw new CoastguardError('--store postgres://… is required', 'coastguard worker', ExitCode.USAGE);
    const concurrency = v.concurrency === undefined ? 1 : Number(v.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new CoastguardError('--concurrency must be a whole number from 1 to 64', '--concurrency', ExitCode.USAGE);
    const format = str(v['webhook-format']) ?? 'native';
    if (format !== 'native' && format !== 'slack') throw new CoastguardError(`--webhook-format must be native or slack, not "${format}"`, '--webhook-format', ExitCode.USAGE);
    const log = (line: string) => void ctx.stderr.write(line + '\n');
    const { startWorker } = await import('../server/index.js');
    const w = await startWorker({ store, db: str(v.db), concurrency, webhooks: flagList(v.webhook), webhookFormat: format, insecure: v.insecure === true, cacheDir: cacheDir(str(v['cache-dir'])), log });
    log(`coastguard worker: waiting for jobs (concurrency ${concurrency})`);
    await untilSignal();
    log('coastguard worker: stopping');
    await w.close();
    return ExitCode.OK;
  },
};

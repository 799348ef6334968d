import { randomUUID } from 'node:crypto';
import { Logger, makeWorkerUtils, run, type Runner, type WorkerUtils } from 'graphile-worker';
import type { Store } from '../store/index.js';
import type { ScanRequest } from '../types.js';
import type { PullAuth, ScanQueue } from './types.js';

export const SCAN_TASK = 'coastguard_scan';
const MAX_ATTEMPTS = 5;
/** A running job renews its lease this often… */
const BEAT_MS = 2_000;
/** …and a lease this old belongs to a dead worker: its jobs are unlocked for another worker. */
export const STALE_MS = 10_000;

export interface PostgresQueueOptions {
  /** Jobs this process works on at once; 0 = only enqueue (the server with external workers). */
  concurrency: number;
  work: (requestId: string, finalAttempt: boolean, pull?: PullAuth) => Promise<unknown>;
  log: (line: string) => void;
}

/**
 * Server-side scans on PostgreSQL through graphile-worker: any number of `coastguard worker`
 * processes (and the server itself) take jobs with SKIP LOCKED. graphile-worker keeps a job
 * locked for hours when its worker dies, so each running job also holds a lease in our store,
 * renewed every 2 s; every process unlocks the workers whose leases went stale
 * (forceUnlockWorkers), and the job runs again elsewhere. The job itself is idempotent (keyed by
 * the image digest), so a retry stores nothing twice.
 */
export class PostgresQueue implements ScanQueue {
  readonly kind = 'postgres' as const;
  private reaper: NodeJS.Timeout | undefined;

  private constructor(
    private readonly store: Store,
    private readonly utils: WorkerUtils,
    private readonly runner: Runner | undefined,
  ) {}

  static async open(url: string, store: Store, o: PostgresQueueOptions): Promise<PostgresQueue> {
    const utils = await makeWorkerUtils({ connectionString: url });
    await utils.migrate();
    let runner: Runner | undefined;
    if (o.concurrency > 0) {
      runner = await run({
        connectionString: url,
        concurrency: o.concurrency,
        noHandleSignals: true,
        pollInterval: 1000,
        logger: quietLogger(o.log),
        taskList: {
          [SCAN_TASK]: async (payload, helpers) => {
            const { id, pull } = payload as { id: string; pull?: PullAuth };
            const jobId = String(helpers.job.id);
            const workerId = String(helpers.job.locked_by);
            await store.beatLease(jobId, workerId, id);
            const beat = setInterval(() => void store.beatLease(jobId, workerId, id).catch(() => undefined), BEAT_MS);
            try {
              await o.work(id, helpers.job.attempts >= helpers.job.max_attempts, pull);
            } finally {
              clearInterval(beat);
              await store.dropLease(jobId).catch(() => undefined);
            }
          },
        },
      });
    }
    const q = new PostgresQueue(store, utils, runner);
    q.reaper = setInterval(() => void q.unlockDeadWorkers().catch((e: Error) => o.log(`coastguard: warning: queue lease check failed: ${e.message}`)), BEAT_MS);
    q.reaper.unref();
    return q;
  }

  async enqueue(ref: string, origin: ScanRequest['origin'], pull?: PullAuth): Promise<ScanRequest> {
    const req = await this.store.insertScanRequest({ id: randomUUID(), ref, origin });
    // Harbor's short-lived robot credentials ride in the job (the queue's own table), never in scan_requests.
    await this.utils.addJob(SCAN_TASK, { id: req.id, ...(pull ? { pull } : {}) }, { jobKey: req.id, maxAttempts: MAX_ATTEMPTS });
    return req;
  }

  /** Unlocks the jobs of workers whose leases stopped being renewed. */
  async unlockDeadWorkers(): Promise<number> {
    const stale = await this.store.takeStaleLeases(STALE_MS);
    if (stale.length) await this.utils.forceUnlockWorkers([...new Set(stale.map((s) => s.workerId))]);
    return stale.length;
  }

  async close(): Promise<void> {
    if (this.reaper) clearInterval(this.reaper);
    await this.runner?.stop();
    await this.utils.release();
  }
}

/** graphile-worker's own info lines are noise on our stderr; its warnings and errors are not. */
function quietLogger(log: (line: string) => void): Logger {
  return new Logger(() => (level, message) => {
    if (level === 'error' || level === 'warning') log(`coastguard: queue ${level}: ${message}`);
  });
}

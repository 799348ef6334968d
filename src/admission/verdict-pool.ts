import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../core/module-worker.js';
import { fingerprint, type Finding, type Severity } from '../core/index.js';
import type { LoadedIgnore, VexStatement } from '../policy/index.js';
import type { ConfigVerdict } from './verdict.js';

/** What the verdict worker rebuilds its options from (data only: compiled CEL cannot cross threads). */
export interface VerdictWorkerSetup {
  policyFile?: string;
  ignores: LoadedIgnore[];
  severities?: Severity[];
  vex?: VexStatement[];
  skipRules?: string[];
}

export interface VerdictJob {
  object: Record<string, unknown>;
  path: string;
  now: number;
}

/** The verdict when a large object could not be judged in time: a denial under its own rule id. */
export const TOO_COSTLY = {
  id: 'CG-ADM-005', slug: 'object-too-costly', severity: 'HIGH' as Severity,
  title: 'Object too costly to judge in time',
  fix: 'Split the object (fewer containers, volumes or RBAC rules per object), or raise --large-object-deadline.',
};

function tooCostly(path: string, why: string): ConfigVerdict {
  const f: Finding = {
    kind: 'policy', id: TOO_COSTLY.id, aliases: [], slug: TOO_COSTLY.slug, severity: TOO_COSTLY.severity, title: TOO_COSTLY.title,
    fix: TOO_COSTLY.fix, description: why, target: path, location: { path }, fingerprint: fingerprint('policy', TOO_COSTLY.id, path),
  };
  return { reported: [f], belowThreshold: [], suppressed: 0 };
}

function startWorker(setup: VerdictWorkerSetup): Worker {
  return startModuleWorker(import.meta.url, 'verdict-worker', { workerData: setup });
}

/**
 * Large objects are judged in one worker thread, one at a time, each within a deadline: the
 * event loop keeps answering small reviews meanwhile. A job past its deadline ends the worker
 * (a new one starts for the next job) and is answered CG-ADM-005; so is a job that finds more
 * than `maxQueue` others waiting.
 */
export class VerdictPool {
  private worker?: Worker;
  /** The worker has loaded its modules and policy: deadlines count from here, not from its start. */
  private ready = false;
  private running?: { resolve: (v: ConfigVerdict) => void; timer: NodeJS.Timeout; path: string };
  private readonly queue: { job: VerdictJob; resolve: (v: ConfigVerdict) => void }[] = [];
  readonly stats = { judged: 0, deadline_passed: 0, refused_busy: 0, restarts: 0 };

  constructor(
    private readonly setup: VerdictWorkerSetup,
    private readonly deadlineMs = 3000,
    private readonly maxQueue = 4,
  ) {}

  judge(job: VerdictJob): Promise<ConfigVerdict> {
    if (this.queue.length >= this.maxQueue) {
      this.stats.refused_busy++;
      return Promise.resolve(tooCostly(job.path, `${this.queue.length} large objects are already waiting to be judged`));
    }
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.next();
    });
  }

  private next(): void {
    if (this.running || this.queue.length === 0) return;
    const w = this.ensureWorker();
    if (!this.ready) return;
    const { job, resolve } = this.queue.shift()!;
    const timer = setTimeout(() => {
      this.stats.deadline_passed++;
      this.running = undefined;
      this.worker = undefined;
      void w.terminate();
      resolve(tooCostly(job.path, `not judged within ${this.deadlineMs} ms`));
      this.next();
    }, this.deadlineMs);
    this.running = { resolve, timer, path: job.path };
    w.postMessage(job);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = startWorker(this.setup);
    this.ready = false;
    w.on('message', (v: ConfigVerdict | 'ready') => {
      if (this.worker !== w) return;
      if (v === 'ready') {
        this.ready = true;
        return this.next();
      }
      const r = this.running;
      if (!r) return;
      clearTimeout(r.timer);
      this.running = undefined;
      this.stats.judged++;
      r.resolve(v);
      this.next();
    });
    w.on('error', (e) => this.fail(w, `verdict worker failed: ${e.message}`));
    w.on('exit', () => this.fail(w, 'verdict worker stopped'));
    w.unref();
    this.stats.restarts++;
    this.worker = w;
    return w;
  }

  /** A worker that died mid-job: answer the job as not judged, start afresh for the next. */
  private fail(w: Worker, why: string): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    const r = this.running;
    if (r) {
      clearTimeout(r.timer);
      this.running = undefined;
      r.resolve(tooCostly(r.path, why));
    }
    this.next();
  }

  /** Starts the worker ahead of the first large object (its rule pack takes a moment to load). */
  warm(): void {
    this.ensureWorker();
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

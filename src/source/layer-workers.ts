import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../core/module-worker.js';

/**
 * The layer walk's worker threads, and starting them early. A worker spends its first ~0.2 s
 * loading modules (analyzers, secret rules); started at the top of `coastguard image`, that
 * happens on the other cores while the main thread loads its own, instead of after it.
 * This module imports nothing of the project, so importing it costs nothing.
 */
export function startWorker(): Worker {
  return startModuleWorker(import.meta.url, 'layer-worker');
}

/** Worker threads a big scan uses: one per core besides the main thread's (which takes tasks too), 4 cores at most. */
export const maxWorkers = () => Math.min(4, availableParallelism()) - 1;

const warm: Worker[] = [];

/** Starts the workers a big scan would use; they wait, not holding the process open, until taken. */
export function prestartWorkers(n = maxWorkers()): void {
  while (warm.length < n) {
    const w = startWorker();
    w.unref();
    w.on('error', () => undefined); // reported by whoever takes it; an unused one may fail silently
    warm.push(w);
  }
}

/** `n` workers: the started ones first, new ones for the rest. */
export function takeWorkers(n: number): Worker[] {
  const out = warm.splice(0, n);
  for (const w of out) w.ref();
  while (out.length < n) out.push(startWorker());
  return out;
}

/** Ends workers started but not taken (the scan did not need them). */
export function dropWarmWorkers(): Promise<unknown> {
  return Promise.all(warm.splice(0).map((w) => w.terminate()));
}

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Analyzer } from '../analyze/types.js';
import type { AnalyzerOptions } from '../analyze/options.js';
import { CoastguardError, ExitCode, type ExitCodeValue } from '../core/errors.js';
import { LayerCache } from './layer-cache.js';
import { walkLayer, type LayerResult } from './layer-walk.js';
import type { LayerBlob } from './types.js';
import { verifyLayerBytes } from './verify-layer.js';
import type { WorkerRequest } from './layer-worker.js';

export interface AnalyzeLayersOptions {
  analyzers: Analyzer[];
  /** The options the analyzers were created with: worker threads create theirs from them. */
  analyzerOptions?: AnalyzerOptions;
  cache?: LayerCache;
  verify?: boolean;
  /** Worker threads to use; 0 analyses in this thread. Default: cores, at most 4, only for big images. */
  workers?: number;
  onLayerDone?: (index: number, result: LayerResult, cached: boolean) => void;
}

// Below this many stored bytes, starting threads costs more than it saves.
const WORKER_THRESHOLD_BYTES = 16 * 1024 * 1024;
// Layers walked at once in this thread: libuv's pool has 4 threads for inflate.
const IN_THREAD_CONCURRENCY = 4;

function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./layer-worker.js', import.meta.url));
  // Under tsx (tests, dev) the worker is TypeScript too; loader hooks are per thread in Node 20,
  // so the worker registers tsx itself before importing its module.
  const url = new URL('./layer-worker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url)}))`, { eval: true });
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function mapLimit<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let t = queue.shift(); t !== undefined; t = queue.shift()) await fn(t);
  }));
}

const layerBytes = (l: LayerBlob) => (l.ref.end ?? 0) - (l.ref.start ?? 0);

/**
 * Analyses layers independently (they only meet in the merge), in parallel worker threads,
 * biggest first so the longest layer starts early; cached layers are not read at all.
 */
export async function analyzeLayers(layers: LayerBlob[], opts: AnalyzeLayersOptions): Promise<LayerResult[]> {
  // The same layer listed many times (a manifest may repeat it) is read once.
  const firstOf = new Map<string, number>();
  const copies: [number, number][] = [];
  const unique: number[] = [];
  layers.forEach((l, i) => {
    const key = `${l.digest ?? ''} ${l.diffID} ${l.ref.path} ${l.ref.start ?? 0}`;
    const first = firstOf.get(key);
    if (first === undefined) {
      firstOf.set(key, i);
      unique.push(i);
    } else copies.push([i, first]);
  });
  const results = await analyzeUnique(layers, unique, opts);
  for (const [i, first] of copies) {
    results[i] = results[first];
    opts.onLayerDone?.(i, results[first]!, true);
  }
  return results as LayerResult[];
}

async function analyzeUnique(layers: LayerBlob[], indexes: number[], opts: AnalyzeLayersOptions): Promise<(LayerResult | undefined)[]> {
  const results: (LayerResult | undefined)[] = new Array(layers.length);
  const todo: number[] = [];
  const hits: number[] = [];
  indexes.forEach((i) => {
    const hit = opts.cache?.get(LayerCache.key(layers[i].diffID, opts.analyzers));
    if (hit) {
      results[i] = hit;
      hits.push(i);
    } else todo.push(i);
  });
  // A cache hit vouches only for bytes that hash to the digest it was stored under.
  if (opts.verify !== false) await mapLimit(hits, IN_THREAD_CONCURRENCY, (i) => verifyLayerBytes(layers[i]));
  for (const i of hits) opts.onLayerDone?.(i, results[i]!, true);
  todo.sort((a, b) => layerBytes(layers[b]) - layerBytes(layers[a]));
  const total = todo.reduce((n, i) => n + layerBytes(layers[i]), 0);
  // Decompression already runs on libuv's thread pool, so layers read concurrently in this thread
  // use every core for inflate; worker threads pay off only when analyzers themselves are heavy
  // (the secret scanner reads every text file) and the image is big enough to amortise start-up.
  const heavy = opts.analyzers.some((a) => a.kind === 'secret');
  const nWorkers = Math.min(
    opts.workers ?? (!heavy || total < WORKER_THRESHOLD_BYTES ? 0 : Math.min(4, availableParallelism())),
    todo.length,
  );
  const finish = (i: number, r: LayerResult) => {
    results[i] = r;
    opts.cache?.put(LayerCache.key(layers[i].diffID, opts.analyzers), r);
    opts.onLayerDone?.(i, r, false);
  };
  if (nWorkers <= 0) {
    const queue = [...todo];
    const lanes = Array.from({ length: Math.min(IN_THREAD_CONCURRENCY, queue.length) }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) finish(i, await walkLayer(layers[i], opts.analyzers, { verify: opts.verify }));
    });
    await Promise.all(lanes);
    return results;
  }
  const ids = opts.analyzers.map((a) => a.id);
  const queue = [...todo];
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: nWorkers }, () =>
        new Promise<void>((resolve, reject) => {
          const w = startWorker();
          workers.push(w);
          const next = () => {
            const i = queue.shift();
            if (i === undefined) return resolve();
            const req: WorkerRequest = { id: i, layer: layers[i], analyzerIds: ids, analyzerOptions: opts.analyzerOptions ?? {}, verify: opts.verify ?? true };
            w.postMessage(req);
          };
          w.on('message', (msg: { id: number; result?: LayerResult; error?: { what: string; where?: string; exitCode?: number } }) => {
            if (msg.error) {
              reject(new CoastguardError(msg.error.what, msg.error.where, (msg.error.exitCode ?? ExitCode.INTERNAL) as ExitCodeValue));
              return;
            }
            finish(msg.id, msg.result!);
            next();
          });
          w.on('error', reject);
          next();
        }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

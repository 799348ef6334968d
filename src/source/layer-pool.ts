import { Worker } from 'node:worker_threads';
import type { Analyzer } from '../analyze/types.js';
import type { AnalyzerOptions } from '../analyze/options.js';
import { CoastguardError, ExitCode, type ExitCodeValue } from '../core/errors.js';
import { LayerCache } from './layer-cache.js';
import { walkLayer, type LayerResult } from './layer-walk.js';
import type { LayerBlob } from './types.js';
import { verifyLayerBytes } from './verify-layer.js';
import { runLayerTask, type LayerTask, type LayerTaskReply } from './layer-task.js';
import { mergeDeferred, type DeferredAnalyses, type DeferredBatch } from './deferred-files.js';
import { statSync } from 'node:fs';
import { dropWarmWorkers, maxWorkers, takeWorkers } from './layer-workers.js';

export interface AnalyzeLayersOptions {
  analyzers: Analyzer[];
  /** The options the analyzers were created with: worker threads create theirs from them. */
  analyzerOptions?: AnalyzerOptions;
  cache?: LayerCache;
  verify?: boolean;
  /**
   * Worker threads to use besides this thread, which takes tasks too; 0 analyses in this thread
   * alone. Default: cores − 1 (at most 3), only for big images.
   */
  workers?: number;
  onLayerDone?: (index: number, result: LayerResult, cached: boolean) => void;
}

// Below this many stored bytes, starting threads costs more than it saves.
const WORKER_THRESHOLD_BYTES = 16 * 1024 * 1024;
// Layers walked at once in this thread: libuv's pool has 4 threads for inflate.
const IN_THREAD_CONCURRENCY = 4;

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
  const verifying = opts.verify !== false ? hits : [];
  const hitDone = (i: number) => opts.onLayerDone?.(i, results[i]!, true);
  const total = [...todo, ...verifying].reduce((n, i) => n + layerBytes(layers[i]), 0);
  // Decompression already runs on libuv's thread pool, so layers read concurrently in this thread
  // use every core for inflate; worker threads pay off only when analyzers themselves are heavy
  // (the secret scanner reads every text file) and the image is big enough to amortise start-up.
  // Checking cached layers is hashing only: worth the threads when there is a lot to hash.
  const heavy = opts.analyzers.some((a) => a.kind === 'secret') || todo.length === 0;
  // Not capped by the layer count: deferred files keep every lane busy even with one layer.
  const nWorkers = todo.length + verifying.length === 0 ? 0 : (opts.workers ?? (!heavy || total < WORKER_THRESHOLD_BYTES ? 0 : maxWorkers()));
  const finish = (i: number, r: LayerResult) => {
    results[i] = r;
    opts.cache?.put(LayerCache.key(layers[i].diffID, opts.analyzers), r);
    opts.onLayerDone?.(i, r, false);
  };
  if (nWorkers <= 0) {
    void dropWarmWorkers();
    await mapLimit(verifying, IN_THREAD_CONCURRENCY, (i) => verifyLayerBytes(layers[i]));
    for (const i of hits) hitDone(i);
    todo.sort((a, b) => layerBytes(layers[b]) - layerBytes(layers[a]));
    const queue = [...todo];
    const lanes = Array.from({ length: Math.min(IN_THREAD_CONCURRENCY, queue.length) }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) finish(i, await walkLayer(layers[i], opts.analyzers, { verify: opts.verify }));
    });
    await Promise.all(lanes);
    return results;
  }
  if (verifying.length === 0) for (const i of hits) hitDone(i);
  await runPool(layers, todo, verifying, nWorkers, opts, finish, hitDone);
  return results;
}

/** Per layer being walked: its deferred files, in batches, and their analyses as they come back. */
interface LayerProgress {
  walked?: LayerResult;
  batches: DeferredAnalyses[][];
  pending: number;
}

/**
 * The lanes (worker threads and this thread): each takes the next task when it is free, a layer
 * walk or a cached layer's check first (biggest first: they are the long, sequential tasks), else a
 * batch of deferred files from any layer. A layer is finished when its walk and all its batches
 * are back.
 */
async function runPool(
  layers: LayerBlob[],
  todo: number[],
  verifying: number[],
  nWorkers: number,
  opts: AnalyzeLayersOptions,
  finish: (i: number, r: LayerResult) => void,
  verified: (i: number) => void,
): Promise<void> {
  const ids = opts.analyzers.map((a) => a.id);
  const analyzerOptions = opts.analyzerOptions ?? {};
  const verify = opts.verify ?? true;
  // Walks and checks of cached layers: the long sequential tasks, biggest first.
  const walks = [...todo.map((i) => ({ i, verify: false })), ...verifying.map((i) => ({ i, verify: true }))].sort((a, b) => layerBytes(layers[b.i]) - layerBytes(layers[a.i]));
  const batches: { i: number; seq: number; batch: DeferredBatch }[] = [];
  const progress = new Map<number, LayerProgress>(todo.map((i) => [i, { batches: [], pending: 0 }]));
  // What each archive file looked like before the walks: deferred reads check it is unchanged.
  const stats = new Map<string, { size: number; mtimeMs: number }>();
  for (const i of todo) {
    const p = layers[i].ref.path;
    if (!stats.has(p)) {
      const st = statSync(p);
      stats.set(p, { size: st.size, mtimeMs: st.mtimeMs });
    }
  }
  const workers: Worker[] = [];
  const lanes: Lane[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const done = (i: number) => {
        const p = progress.get(i)!;
        if (!p.walked || p.pending > 0) return;
        progress.delete(i);
        finish(i, mergeDeferred(p.walked, p.batches.flat()));
      };
      // A walk goes to a lane with nothing to do. A worker thread may hold a second batch on top of
      // its task: it starts on it the moment it is free, without waiting for this thread (which
      // may be busy with a task of its own) to answer its reply.
      const dispatch = () => {
        for (;;) {
          let lane = walks.length > 0 ? lanes.find((l) => l.tasks === 0) : undefined;
          let task: LayerTask | undefined;
          if (lane) {
            const w = walks.shift()!;
            task = w.verify
              ? { kind: 'verify', id: w.i, layer: layers[w.i], analyzerIds: ids, analyzerOptions }
              : { kind: 'layer', id: w.i, layer: layers[w.i], analyzerIds: ids, analyzerOptions, verify };
          } else if (batches.length > 0 && (lane = lanes.find((l) => l.tasks === 0) ?? lanes.find((l) => l.tasks < l.depth))) {
            const b = batches.shift()!;
            task = { kind: 'batch', id: b.i, seq: b.seq, batch: b.batch, analyzerIds: ids, analyzerOptions };
          }
          if (!lane || !task) break;
          lane.tasks++;
          lane.post(task);
        }
        if (lanes.every((l) => l.tasks === 0) && walks.length === 0 && batches.length === 0) resolve();
      };
      const onReply = (lane: Lane, msg: LayerTaskReply) => {
        if (msg.kind === 'error') return reject(new CoastguardError(msg.error.what, msg.error.where, (msg.error.exitCode ?? ExitCode.INTERNAL) as ExitCodeValue));
        if (msg.kind === 'verified') {
          lane.tasks--;
          verified(msg.id);
          dispatch();
          return;
        }
        const p = progress.get(msg.id)!;
        if (msg.kind === 'deferred') {
          const layer = layers[msg.id];
          const st = stats.get(layer.ref.path)!;
          batches.push({ i: msg.id, seq: p.batches.length, batch: { path: layer.ref.path, fileSize: st.size, fileMtimeMs: st.mtimeMs, layer: layer.diffID, label: `layer ${layer.digest ?? layer.diffID} in ${layer.ref.label ?? layer.ref.path}`, files: msg.files } });
          p.batches.push([]);
          p.pending++;
          dispatch();
          return;
        }
        if (msg.kind === 'layer') p.walked = msg.result;
        else {
          p.batches[msg.seq] = msg.done;
          p.pending--;
        }
        lane.tasks--;
        done(msg.id);
        dispatch();
      };
      for (const w of takeWorkers(nWorkers)) {
        workers.push(w);
        const lane: Lane = { post: (t) => w.postMessage(t), tasks: 0, depth: 2 };
        lanes.push(lane);
        w.on('message', (msg: LayerTaskReply) => onReply(lane, msg));
        w.on('error', reject);
      }
      // This thread would only wait during the scan: it takes tasks too, with the analyzers it has.
      const here: Lane = { post: (t) => setImmediate(() => void runLayerTask(t, opts.analyzers, (m) => onReply(here, m))), tasks: 0, depth: 1 };
      lanes.push(here);
      dispatch();
    });
  } finally {
    // Not awaited: a thread takes tens of milliseconds to wind down, and nothing waits on it.
    for (const w of workers) {
      w.unref();
      void w.terminate();
    }
  }
}

/** Where the pool sends a task: a worker thread, or the main thread itself. */
interface Lane {
  post(task: LayerTask): void;
  /** Tasks sent and not answered yet, and how many it may hold. */
  tasks: number;
  depth: number;
}

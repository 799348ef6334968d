import type { Analyzer } from '../analyze/types.js';
import type { AnalyzerOptions } from '../analyze/options.js';
import { CoastguardError } from '../core/errors.js';
import { analyzeDeferred, type DeferredAnalyses, type DeferredBatch } from './deferred-files.js';
import { walkLayer, type DeferredFile, type LayerResult } from './layer-walk.js';
import type { LayerBlob } from './types.js';
import { verifyLayerBytes } from './verify-layer.js';

/**
 * One task of the layer pool and the replies it makes, the same whether a worker thread or the
 * main thread runs it: walk a layer (posting the files it defers in batches as it goes, then the
 * layer's result), analyse a batch of deferred files from any layer, or check a cached layer's bytes.
 */
export type LayerTask = {
  id: number;
  analyzerIds: string[];
  /** The options the main thread created its analyzers with: a worker creates the same ones. */
  analyzerOptions: AnalyzerOptions;
} & (
  | { kind: 'layer'; layer: LayerBlob; verify: boolean }
  | { kind: 'batch'; seq: number; batch: DeferredBatch }
  /** A cached layer's bytes checked against its digests (verify-layer.ts). */
  | { kind: 'verify'; layer: LayerBlob }
);

export type LayerTaskReply =
  | { kind: 'deferred'; id: number; files: DeferredFile[] }
  | { kind: 'layer'; id: number; result: LayerResult }
  | { kind: 'batch'; id: number; seq: number; done: DeferredAnalyses[] }
  | { kind: 'verified'; id: number }
  | { kind: 'error'; id: number; error: { what: string; where?: string; exitCode?: number } };

// A batch worth a message: big enough that posting costs nothing, small enough to share evenly.
const BATCH_BYTES = 1024 * 1024;
const BATCH_FILES = 512;

export async function runLayerTask(task: LayerTask, analyzers: Analyzer[], reply: (m: LayerTaskReply) => void): Promise<void> {
  try {
    if (task.kind === 'verify') {
      await verifyLayerBytes(task.layer);
      reply({ kind: 'verified', id: task.id });
      return;
    }
    if (task.kind === 'batch') {
      reply({ kind: 'batch', id: task.id, seq: task.seq, done: await analyzeDeferred(task.batch, analyzers) });
      return;
    }
    let files: DeferredFile[] = [];
    let bytes = 0;
    const flush = () => {
      if (files.length) reply({ kind: 'deferred', id: task.id, files });
      files = [];
      bytes = 0;
    };
    const defer = (f: DeferredFile) => {
      files.push(f);
      bytes += f.size;
      if (bytes >= BATCH_BYTES || files.length >= BATCH_FILES) flush();
    };
    const result = await walkLayer(task.layer, analyzers, { verify: task.verify, defer });
    flush();
    reply({ kind: 'layer', id: task.id, result });
  } catch (e) {
    const error = e instanceof CoastguardError ? { what: e.what, where: e.where, exitCode: e.exitCode } : { what: String((e as Error)?.message ?? e) };
    reply({ kind: 'error', id: task.id, error });
  }
}

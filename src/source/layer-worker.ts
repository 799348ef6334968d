import { parentPort } from 'node:worker_threads';
import { configuredAnalyzers } from '../analyze/registry.js';
import type { AnalyzerOptions } from '../analyze/options.js';
import type { Analyzer } from '../analyze/types.js';
import { CoastguardError } from '../core/errors.js';
import { analyzeDeferred, type DeferredAnalyses, type DeferredBatch } from './deferred-files.js';
import { walkLayer, type DeferredFile, type LayerResult } from './layer-walk.js';
import type { LayerBlob } from './types.js';

/**
 * A worker thread: walks the layers it is sent with the analyzers named, posting back the files
 * it deferred (in batches, as it goes) and then the layer's result; and analyses batches of
 * deferred files from any layer.
 */
export type WorkerRequest = {
  id: number;
  analyzerIds: string[];
  /** The options the main thread created its analyzers with: the same analyzers here. */
  analyzerOptions: AnalyzerOptions;
} & ({ kind: 'layer'; layer: LayerBlob; verify: boolean; defer: boolean } | { kind: 'batch'; seq: number; batch: DeferredBatch });

export type WorkerReply =
  | { kind: 'deferred'; id: number; files: DeferredFile[] }
  | { kind: 'layer'; id: number; result: LayerResult }
  | { kind: 'batch'; id: number; seq: number; done: DeferredAnalyses[] }
  | { kind: 'error'; id: number; error: { what: string; where?: string; exitCode?: number } };

// A batch worth a message: big enough that posting costs nothing, small enough to share evenly.
const BATCH_BYTES = 1024 * 1024;
const BATCH_FILES = 512;

// Built once per thread (compiling custom secret rules is not free), again only if the options change.
let analyzers: Analyzer[] = [];
let builtFor = '';

const post = (m: WorkerReply) => parentPort!.postMessage(m);

parentPort!.on('message', async (req: WorkerRequest) => {
  try {
    const key = JSON.stringify([req.analyzerIds, req.analyzerOptions]);
    if (key !== builtFor) {
      analyzers = configuredAnalyzers(req.analyzerIds, req.analyzerOptions);
      builtFor = key;
    }
    if (req.kind === 'batch') {
      post({ kind: 'batch', id: req.id, seq: req.seq, done: await analyzeDeferred(req.batch, analyzers) });
      return;
    }
    let files: DeferredFile[] = [];
    let bytes = 0;
    const flush = () => {
      if (files.length) post({ kind: 'deferred', id: req.id, files });
      files = [];
      bytes = 0;
    };
    const defer = req.defer
      ? (f: DeferredFile) => {
          files.push(f);
          bytes += f.size;
          if (bytes >= BATCH_BYTES || files.length >= BATCH_FILES) flush();
        }
      : undefined;
    const result = await walkLayer(req.layer, analyzers, { verify: req.verify, defer });
    flush();
    post({ kind: 'layer', id: req.id, result });
  } catch (e) {
    const err = e instanceof CoastguardError ? { what: e.what, where: e.where, exitCode: e.exitCode } : { what: String((e as Error)?.message ?? e) };
    post({ kind: 'error', id: req.id, error: err });
  }
});

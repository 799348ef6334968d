import { parentPort } from 'node:worker_threads';
import { configuredAnalyzers } from '../analyze/registry.js';
import type { AnalyzerOptions } from '../analyze/options.js';
import type { Analyzer } from '../analyze/types.js';
import { CoastguardError } from '../core/errors.js';
import { walkLayer } from './layer-walk.js';
import type { LayerBlob } from './types.js';

/** A worker thread: walks the layers it is sent with the analyzers named, posts the result back. */
export interface WorkerRequest {
  id: number;
  layer: LayerBlob;
  analyzerIds: string[];
  /** The options the main thread created its analyzers with: the same analyzers here. */
  analyzerOptions: AnalyzerOptions;
  verify: boolean;
}

// Built once per thread (compiling custom secret rules is not free), again only if the options change.
let analyzers: Analyzer[] = [];
let builtFor = '';

parentPort!.on('message', async (req: WorkerRequest) => {
  try {
    const key = JSON.stringify([req.analyzerIds, req.analyzerOptions]);
    if (key !== builtFor) {
      analyzers = configuredAnalyzers(req.analyzerIds, req.analyzerOptions);
      builtFor = key;
    }
    const result = await walkLayer(req.layer, analyzers, { verify: req.verify });
    parentPort!.postMessage({ id: req.id, result });
  } catch (e) {
    const err = e instanceof CoastguardError ? { what: e.what, where: e.where, exitCode: e.exitCode } : { what: String((e as Error)?.message ?? e) };
    parentPort!.postMessage({ id: req.id, error: err });
  }
});

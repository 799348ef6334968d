import { parentPort } from 'node:worker_threads';
import { allAnalyzers } from '../analyze/registry.js';
import { CoastguardError } from '../core/errors.js';
import { walkLayer } from './layer-walk.js';
import type { LayerBlob } from './types.js';

/** A worker thread: walks the layers it is sent with the analyzers named, posts the result back. */
export interface WorkerRequest {
  id: number;
  layer: LayerBlob;
  analyzerIds: string[];
  verify: boolean;
}

parentPort!.on('message', async (req: WorkerRequest) => {
  try {
    const analyzers = allAnalyzers.filter((a) => req.analyzerIds.includes(a.id));
    const result = await walkLayer(req.layer, analyzers, { verify: req.verify });
    parentPort!.postMessage({ id: req.id, result });
  } catch (e) {
    const err = e instanceof CoastguardError ? { what: e.what, where: e.where, exitCode: e.exitCode } : { what: String((e as Error)?.message ?? e) };
    parentPort!.postMessage({ id: req.id, error: err });
  }
});

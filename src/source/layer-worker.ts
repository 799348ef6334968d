import { parentPort } from 'node:worker_threads';
import { configuredAnalyzers } from '../analyze/registry.js';
import type { Analyzer } from '../analyze/types.js';
import { runLayerTask, type LayerTask, type LayerTaskReply } from './layer-task.js';

/** A worker thread of the layer pool: runs the tasks it is sent (layer-task.ts) and posts the replies. */

// Built once per thread (compiling custom secret rules is not free), again only if the options change.
let analyzers: Analyzer[] = [];
let builtFor = '';

const post = (m: LayerTaskReply) => parentPort!.postMessage(m);

parentPort!.on('message', async (task: LayerTask) => {
  const key = JSON.stringify([task.analyzerIds, task.analyzerOptions]);
  if (key !== builtFor) {
    try {
      analyzers = configuredAnalyzers(task.analyzerIds, task.analyzerOptions);
    } catch (e) {
      // The main thread built the same analyzers from the same options, so this is not expected.
      return post({ kind: 'error', id: task.id, error: { what: String((e as Error)?.message ?? e) } });
    }
    builtFor = key;
  }
  await runLayerTask(task, analyzers, post);
});

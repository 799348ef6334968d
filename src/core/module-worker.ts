import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running the module `name` beside the caller (pass the caller's
 * `import.meta.url`): `name.js` from the build or the bundle (scripts/bundle.mjs puts the worker
 * bundles beside the chunks that start them), `name.ts` under tsx (tests, dev), where loader hooks
 * are per thread in Node 20, so the worker registers tsx itself before importing its module.
 */
export function startModuleWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const url = new URL(`./${name}.ts`, callerUrl).href;
  return new Worker(`import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url)}))`, { ...options, eval: true });
}

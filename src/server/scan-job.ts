import { CoastguardError } from '../core/errors.js';
import type { ServerCore } from './core.js';
import type { PullAuth } from './queue/types.js';
import type { ScanRequest } from './types.js';

export interface ServerScanOptions {
  cacheDir: string;
  insecure?: boolean;
}

/**
 * One server-side scan: pull the image, run the same pipeline as `coastguard image REF`, store the
 * result through the same path as an upload (the server's DB decides the vulnerabilities). Keyed
 * by digest, so running it twice (a retried job) stores the same record and no second events.
 */
export async function runScanRequest(core: ServerCore, id: string, o: ServerScanOptions, finalAttempt = true, pull: PullAuth = {}): Promise<ScanRequest | undefined> {
  const req = await core.store.scanRequest(id);
  if (!req || req.status === 'done') return req;
  await core.store.updateScanRequest(id, { status: 'running', attempt: true });
  try {
    const [{ pullImage }, { scanImage }, { LayerCache }, { hostPlatform }] = await Promise.all([
      import('../source/registry/index.js'),
      import('../scan/image-scan.js'),
      import('../source/layer-cache.js'),
      import('../source/platform.js'),
    ]);
    const img = await pullImage(req.ref, { platform: hostPlatform(), cacheDir: o.cacheDir, insecure: o.insecure || pull.insecure, credentials: pull.credentials });
    // Vulnerabilities come from the store's own match (saveResult), not from a second DB here.
    const result = await scanImage(img, { scanners: new Set(['secret', 'misconfig', 'license']), cacheDir: o.cacheDir, cache: new LayerCache(o.cacheDir) });
    const saved = await core.saveResult(result, 'server-scan');
    await core.store.updateScanRequest(id, { status: 'done', digest: saved.image.digest });
  } catch (e) {
    const msg = e instanceof CoastguardError ? e.message : `${(e as Error).message}`;
    await core.store.updateScanRequest(id, { status: finalAttempt ? 'failed' : 'queued', error: msg });
    throw e;
  }
  return core.store.scanRequest(id);
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { usageError } from '../core/errors.js';
import type { ScanResult } from '../core/types.js';
import { fetchStoredScan, STORED_DIGEST } from './stored-scan.js';
import { scanImage, type ImageScanOptions } from '../scan/image-scan.js';
import { openImageInput } from '../source/open-input.js';
import type { Platform } from '../source/platform.js';
import type { Credentials } from '../source/registry/credentials.js';

export interface TargetOptions extends ImageScanOptions {
  platform: Platform;
  cacheDir: string;
  insecure?: boolean;
  credentials?: Credentials;
  /** Where `sha256:…` targets (stored scans) are read from. */
  server?: { url: string; token: string };
}

/** Written as a path (a registry reference never starts with / or . nor ends with .tar): a missing file, not a pull. */
const looksLikePath = (s: string) => /^\.{0,2}\//.test(s) || /\.(tar|tgz|tar\.gz|tar\.zst)$/i.test(s);

/**
 * Scans an image given as a path (docker-archive or OCI archive, OCI layout directory) or, when
 * no such path exists, as a registry reference; a bare `sha256:…` digest is the image's last
 * scan stored on a `coastguard server`.
 */
export async function scanTarget(target: string, opts: TargetOptions): Promise<ScanResult> {
  if (STORED_DIGEST.test(target)) {
    if (!opts.server) throw usageError(`${target} names a stored scan: give --server URL --token TOKEN (or COASTGUARD_SERVER / COASTGUARD_TOKEN)`, '--server');
    return fetchStoredScan(target, opts.server.url, opts.server.token);
  }
  let img;
  if (existsSync(target) || looksLikePath(target)) {
    img = await openImageInput(target, { platform: opts.platform, tmpDir: join(opts.cacheDir, 'tmp') });
  } else {
    const { pullImage } = await import('../source/registry/index.js');
    img = await pullImage(target, { platform: opts.platform, cacheDir: opts.cacheDir, insecure: opts.insecure, credentials: opts.credentials });
  }
  return scanImage(img, opts);
}

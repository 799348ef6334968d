import type { Finding } from '../core/types.js';
import { SecretScanner } from './scanner.js';
import type { SecretScanOptions } from './types.js';

let defaultScanner: SecretScanner | undefined;
const cache = new WeakMap<SecretScanOptions, SecretScanner>();

/** A compiled scanner for these options (compiled once per options object). */
export function scannerFor(opts?: SecretScanOptions): SecretScanner {
  if (!opts) return (defaultScanner ??= new SecretScanner());
  let s = cache.get(opts);
  if (!s) {
    s = new SecretScanner(opts);
    cache.set(opts, s);
  }
  return s;
}

/** Scans one plain file's content. Binary content and content over the size cap give []. */
export function scanText(path: string, content: Buffer | string, opts?: SecretScanOptions): Finding[] {
  return scannerFor(opts).scan(path, content);
}

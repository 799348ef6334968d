import { resolve } from 'node:path';
import type { ScanResult } from '../core/types.js';
import type { HistoryScanOptions } from '../secrets/index.js';
import { scanResult } from './result.js';

/** `coastguard repo PATH`: secrets in the whole history as one ScanResult, with the walk's counts. */
export async function scanRepository(path: string, opts: HistoryScanOptions): Promise<{ result: ScanResult; blobs: number; scanned: number }> {
  const { scanGitHistory } = await import('../secrets/index.js');
  const r = await scanGitHistory(resolve(path), { ...opts, target: path });
  return { result: scanResult({ name: path, type: 'repository' }, { findings: r.findings, warnings: r.warnings }), blobs: r.blobs, scanned: r.scanned };
}

import { parentPort, workerData } from 'node:worker_threads';
import type { Finding, ScanWarning } from '../core/types.js';
import { scanFileJob, type FileJob } from './directory.js';
import type { SecretScanOptions } from './types.js';

// One scanner per worker, compiled once; each message is a batch of files.
const opts = (workerData as { opts: SecretScanOptions }).opts;
parentPort!.on('message', async (batch: FileJob[]) => {
  const warnings: ScanWarning[] = [];
  const findings: Finding[] = [];
  for (const job of batch) findings.push(...(await scanFileJob(job, opts, warnings)));
  parentPort!.postMessage({ findings, warnings });
});
parentPort!.postMessage({ ready: true });

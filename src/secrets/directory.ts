import { availableParallelism } from 'node:os';
import { lstat, open, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../core/module-worker.js';
import picomatch from 'picomatch';
import { inputError } from '../core/errors.js';
import type { Finding, ScanWarning } from '../core/types.js';
import { isTextCandidate } from './analyzer.js';
import { DEFAULT_MAX_FILE_SIZE } from './scanner.js';
import { scannerFor } from './text.js';
import type { SecretScanOptions } from './types.js';
import { append } from '../core/arrays.js';

export interface DirectoryScanOptions extends SecretScanOptions {
  /** Directory names or globs (relative to the root) not to enter; `.git` is always skipped. */
  skipDirs?: string[];
  /** File globs (relative) not to read. */
  skipFiles?: string[];
  /** Worker threads; 0 scans in this thread. Default: up to 4, only for trees over 8 MiB. */
  workers?: number;
}

export interface FileJob {
  abs: string;
  rel: string;
  size: number;
}

const WORKER_THRESHOLD_BYTES = 8 * 1024 * 1024;
const BATCH_BYTES = 4 * 1024 * 1024;

/** Reads and scans one file; unreadable files become warnings, never a crash. */
export async function scanFileJob(job: FileJob, opts: SecretScanOptions, warnings: ScanWarning[]): Promise<Finding[]> {
  let buf: Buffer;
  try {
    const fh = await open(job.abs, 'r');
    try {
      buf = await fh.readFile();
    } finally {
      await fh.close();
    }
  } catch (e) {
    warnings.push({ what: `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, where: job.rel });
    return [];
  }
  return scannerFor(opts).scan(job.rel, buf);
}

async function listFiles(root: string, opts: DirectoryScanOptions, warnings: ScanWarning[]): Promise<FileJob[]> {
  const skipDir = (opts.skipDirs ?? []).map((g) => picomatch(g.replace(/\/+$/, ''), { dot: true }));
  const skipFile = (opts.skipFiles ?? []).map((g) => picomatch(g, { dot: true }));
  const max = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const jobs: FileJob[] = [];
  const walk = async (dir: string) => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      warnings.push({ what: `cannot list directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, where: relative(root, dir) || '.' });
      return;
    }
    for (const ent of entries) {
      const abs = join(dir, ent.name);
      const rel = relative(root, abs).split(sep).join('/');
      if (ent.isDirectory()) {
        if (ent.name === '.git') continue;
        if (skipDir.some((m) => m(rel) || m(ent.name))) continue;
        await walk(abs);
      } else if (ent.isFile()) {
        if (skipFile.some((m) => m(rel) || m(ent.name))) continue;
        let size: number;
        try {
          size = (await lstat(abs)).size;
        } catch {
          continue;
        }
        if (isTextCandidate(rel, size, max)) jobs.push({ abs, rel, size });
      }
    }
  };
  await walk(root);
  return jobs;
}

function startWorker(workerData: unknown): Worker {
  return startModuleWorker(import.meta.url, 'directory-worker', { workerData });
}

/** What a worker may receive: options without functions (extra rules are rebuilt from their data). */
function transferable(opts: DirectoryScanOptions): SecretScanOptions {
  const { extraRules, skipDirs, skipFiles, workers, ...rest } = opts;
  void skipDirs; void skipFiles; void workers;
  if (extraRules?.length) throw new Error('extra rules are scanned in-thread');
  return rest;
}

/**
 * `coastguard fs` secret scanning: walks the tree (skipping .git and --skip-dirs), keeps text
 * candidates under the size cap, and scans them, in worker threads for big trees.
 * Findings come sorted by path, then line.
 */
export async function scanDirectory(dir: string, opts: DirectoryScanOptions = {}): Promise<{ findings: Finding[]; warnings: ScanWarning[] }> {
  const st = await lstat(dir).catch(() => undefined);
  if (!st) throw inputError('no such directory', dir);
  if (!st.isDirectory()) throw inputError('not a directory', dir);
  const warnings: ScanWarning[] = [];
  const jobs = await listFiles(dir, opts, warnings);
  const total = jobs.reduce((n, j) => n + j.size, 0);
  let nWorkers = opts.workers ?? (total < WORKER_THRESHOLD_BYTES ? 0 : Math.min(4, availableParallelism()));
  if (opts.extraRules?.length) nWorkers = 0;
  const findings: Finding[] = [];
  if (nWorkers <= 0) {
    for (const j of jobs) append(findings, (await scanFileJob(j, opts, warnings)));
  } else {
    const batches: FileJob[][] = [];
    let cur: FileJob[] = [];
    let curBytes = 0;
    for (const j of jobs) {
      cur.push(j);
      curBytes += j.size;
      if (curBytes >= BATCH_BYTES || cur.length >= 2000) {
        batches.push(cur);
        cur = [];
        curBytes = 0;
      }
    }
    if (cur.length) batches.push(cur);
    const wopts = transferable(opts);
    await Promise.all(
      Array.from({ length: Math.min(nWorkers, batches.length) }, () =>
        new Promise<void>((resolve, reject) => {
          const w = startWorker({ opts: wopts });
          const next = () => {
            const b = batches.shift();
            if (!b) {
              void w.terminate();
              return resolve();
            }
            w.postMessage(b);
          };
          w.on('message', (msg: { ready?: true; findings: Finding[]; warnings: ScanWarning[] }) => {
            if (msg.ready) return next();
            append(findings, msg.findings);
            append(warnings, msg.warnings);
            next();
          });
          w.on('error', (e) => reject(e));
        }),
      ),
    );
  }
  findings.sort((a, b) => (a.location.path < b.location.path ? -1 : a.location.path > b.location.path ? 1 : (a.location.line ?? 0) - (b.location.line ?? 0)));
  return { findings, warnings };
}

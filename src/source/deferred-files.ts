import { closeSync, fstatSync, openSync } from 'node:fs';
import { HEAD_BYTES, type Analyzer } from '../analyze/types.js';
import { inputError } from '../core/errors.js';
import type { DeferredFile, FileAnalysis, LayerResult } from './layer-walk.js';
import { readRangeFd } from './read-range.js';
import { runAnalyzers } from './run-analyzers.js';

/**
 * The deferrable analyzers' share of a layer (secrets, executables' build info), moved out of the
 * walk. Walking a layer is sequential (one hash, one tar stream) and text files are spread
 * unevenly across layers, so one text-heavy layer used to keep one core busy while the other
 * idled. The walk of an uncompressed layer now only notes where each such file's bytes are (a
 * byte range of the archive), and any lane of the layer pool reads and analyses them in batches:
 * every core stays busy to the end, and no body is copied between threads.
 */
export interface DeferredBatch {
  /** The archive file the ranges are in, and what it looked like when the walk read it. */
  path: string;
  fileSize: number;
  fileMtimeMs: number;
  /** The layer's diffID (findings carry it). */
  layer: string;
  /** "layer DIGEST in FILE", for error messages. */
  label: string;
  files: DeferredFile[];
}

/** The analyses of one deferred file, in the layer's order (`at`, then arrival). */
export interface DeferredAnalyses {
  at: number;
  analyses: FileAnalysis[];
}

// Small files next to each other in the archive are read together, up to this many bytes at once:
// one system call for a run of text files instead of one (or two) each.
const WINDOW_BYTES = 1024 * 1024;

// Per thread: the window, and a buffer grown to the largest file read alone (memory stays bounded
// by that file).
let windowBuf: Buffer | undefined;
let scratch: Buffer | undefined;
const scratchFor = (size: number) => (scratch = scratch && scratch.length >= size ? scratch : Buffer.allocUnsafe(Math.max(size, 64 * 1024)));

/** Reads and analyses a batch of deferred files (in a worker thread, or in this one). */
export async function analyzeDeferred(batch: DeferredBatch, analyzers: Analyzer[]): Promise<DeferredAnalyses[]> {
  const fd = openSync(batch.path, 'r');
  try {
    // The bytes were hashed by the walk; a file changed since then must not pass for them.
    const st = fstatSync(fd);
    if (st.size !== batch.fileSize || st.mtimeMs !== batch.fileMtimeMs) throw inputError('the file changed while it was being scanned', batch.label);
    const files = batch.files;
    let win: Buffer | undefined;
    let winStart = 0;
    const readBody = (k: number): Buffer => {
      const f = files[k];
      if (win && f.start >= winStart && f.start + f.size <= winStart + win.length) return win.subarray(f.start - winStart, f.start - winStart + f.size);
      if (f.size >= WINDOW_BYTES) return readRangeFd(fd, f.start, f.size, scratchFor(f.size));
      // From this file to the end of the last one that still fits in the window.
      let end = f.start + f.size;
      for (let j = k + 1; j < files.length && files[j].start + files[j].size - f.start <= WINDOW_BYTES; j++) end = Math.max(end, files[j].start + files[j].size);
      windowBuf ??= Buffer.allocUnsafe(WINDOW_BYTES);
      win = readRangeFd(fd, f.start, end - f.start, windowBuf);
      winStart = f.start;
      return win.subarray(0, f.size);
    };
    const out: DeferredAnalyses[] = [];
    for (let k = 0; k < files.length; k++) {
      const f = files[k];
      const info = { path: f.path, size: f.size, mode: f.mode };
      const all = analyzers.filter((a) => a.wants(f.path, info));
      let content: Buffer | undefined;
      let wanted: Analyzer[];
      try {
        if (all.some((a) => a.needsBody)) {
          // Executables: a few ranges first; the body only for the analyzers that still want it.
          const read = (offset: number, length: number) => readRangeFd(fd, f.start + offset, Math.max(0, Math.min(length, f.size - offset)));
          let head: Buffer | undefined;
          wanted = all.filter((a) => (a.rejectsHead ? !a.rejectsHead(f.path, (head ??= read(0, HEAD_BYTES))) : a.needsBody ? a.needsBody(info, read) : true));
          if (wanted.length > 0) content = readRangeFd(fd, f.start, f.size, scratchFor(f.size));
        } else {
          const body = readBody(k);
          wanted = all.filter((a) => !a.rejectsHead?.(f.path, body.subarray(0, HEAD_BYTES)));
          content = body;
        }
      } catch (e) {
        throw inputError(`cannot read ${f.path} (${(e as Error).message})`, batch.label, e);
      }
      const analyses: FileAnalysis[] = [];
      if (wanted.length > 0) await runAnalyzers(wanted, { ...info, content: content!, layer: batch.layer }, analyses);
      out.push({ at: f.at, analyses });
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

/** Puts deferred files' analyses where the walk would have put them (stable for equal `at`). */
export function mergeDeferred(result: LayerResult, done: DeferredAnalyses[]): LayerResult {
  if (done.every((d) => d.analyses.length === 0)) return result;
  const merged: FileAnalysis[] = [];
  let next = 0;
  for (const d of done) {
    while (next < d.at && next < result.analyses.length) merged.push(result.analyses[next++]);
    merged.push(...d.analyses);
  }
  while (next < result.analyses.length) merged.push(result.analyses[next++]);
  return { ...result, analyses: merged };
}

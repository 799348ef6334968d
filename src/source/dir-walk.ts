import { readFile } from 'node:fs/promises';
import type { Analyzer, EntryInfo } from '../analyze/types.js';
import type { LayerResult } from './layer-walk.js';
import { bufferLimit, runAnalyzers, tooBigToAnalyze } from './run-analyzers.js';
import { skipMatcher } from './skip.js';
import { walkTree } from './walk-tree.js';

export interface DirWalkOptions {
  analyzers: Analyzer[];
  /** `--skip-dirs` / `--skip-files`, as src/source/skip.ts defines them. */
  skipDirs?: string[];
  skipFiles?: string[];
  /** Files whose text the caller wants too (the misconfig scanner's), read on the same walk. */
  keep?: (rel: string, size: number) => boolean;
  /** Files read at once; bounded so huge trees do not exhaust file handles. */
  concurrency?: number;
}


/**
 * A root filesystem or a source tree, walked like a single layer: the same analyzers, the same
 * result shape, so the merge and every scanner after it do not care where files came from.
 * Symbolic links are recorded, never followed (a rootfs's absolute links point at the host).
 */
export async function walkDirectory(root: string, opts: DirWalkOptions): Promise<LayerResult & { kept?: { path: string; text: string }[] }> {
  const skip = skipMatcher(opts.skipDirs, opts.skipFiles);
  const result: LayerResult & { kept?: { path: string; text: string }[] } = { diffID: '', compression: 'none', paths: [], whiteouts: [], opaqueDirs: [], analyses: [], observed: [], bytes: 0, files: 0 };
  const observers = opts.analyzers.filter((a) => a.observe);
  const pending: Promise<void>[] = [];
  const limit = opts.concurrency ?? 16;
  let active = 0;
  const waiters: (() => void)[] = [];
  const acquire = async () => {
    if (active >= limit) await new Promise<void>((r) => waiters.push(r));
    active++;
  };
  const release = () => {
    active--;
    waiters.shift()?.();
  };

  const analyzeFile = async (abs: string, info: EntryInfo, wanted: Analyzer[]) => {
    await acquire();
    try {
      let content: Buffer;
      try {
        content = await readFile(abs);
      } catch (e) {
        result.analyses.push({ path: info.path, analyzer: 'walk', result: { warnings: [{ what: `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, where: info.path }] } });
        return;
      }
      await runAnalyzers(wanted, { ...info, content }, result.analyses);
    } finally {
      release();
    }
  };

  const kept: { path: string; text: string }[] = [];
  const keepFile = async (abs: string, rel: string) => {
    await acquire();
    try {
      kept.push({ path: rel, text: await readFile(abs, 'utf8') });
    } catch (e) {
      result.analyses.push({ path: rel, analyzer: 'walk', result: { warnings: [{ what: `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, where: rel, notChecked: 'file' }] } });
    } finally {
      release();
    }
  };

  for await (const e of walkTree(root, { skip })) {
    const rel = e.rel;
    const info: EntryInfo = { path: rel, size: e.size, mode: e.mode, type: e.type };
    result.paths.push(rel);
    for (const o of observers) {
      const r = o.observe!(info);
      if (r) result.observed.push({ path: rel, analyzer: o.id, result: r });
    }
    if (e.type !== 'file') continue;
    result.files++;
    result.bytes += e.size;
    if (opts.keep?.(rel, e.size)) pending.push(keepFile(e.abs, rel));
    const wanted = opts.analyzers.filter((a) => a.wants(rel, info));
    if (wanted.length === 0) continue;
    const limit = bufferLimit(wanted);
    if (info.size > limit) result.analyses.push(tooBigToAnalyze(rel, info.size, limit));
    else pending.push(analyzeFile(e.abs, info, wanted));
  }
  await Promise.all(pending);
  // Keep results in path order whatever order the reads finished in: output is deterministic.
  result.analyses.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (opts.keep) result.kept = kept;
  return result;
}

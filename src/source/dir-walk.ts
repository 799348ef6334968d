import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Analyzer, EntryInfo } from '../analyze/types.js';
import type { LayerResult } from './layer-walk.js';
import { bufferLimit, runAnalyzers, tooBigToAnalyze } from './run-analyzers.js';
import { skipMatcher } from './skip.js';

export interface DirWalkOptions {
  analyzers: Analyzer[];
  /** `--skip-dirs` / `--skip-files`, as src/source/skip.ts defines them. */
  skipDirs?: string[];
  skipFiles?: string[];
  /** Files read at once; bounded so huge trees do not exhaust file handles. */
  concurrency?: number;
}

// VCS metadata is never part of what ships; `coastguard repo` reads history separately.
const ALWAYS_SKIP = new Set(['.git', '.hg', '.svn']);

/**
 * A root filesystem or a source tree, walked like a single layer: the same analyzers, the same
 * result shape, so the merge and every scanner after it do not care where files came from.
 * Symbolic links are recorded, never followed (a rootfs's absolute links point at the host).
 */
export async function walkDirectory(root: string, opts: DirWalkOptions): Promise<LayerResult> {
  const skip = skipMatcher(opts.skipDirs, opts.skipFiles);
  const result: LayerResult = { diffID: '', compression: 'none', paths: [], whiteouts: [], opaqueDirs: [], analyses: [], observed: [], bytes: 0, files: 0 };
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

  const visit = async (dir: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return; // unreadable directory: skip it like `find` would
    }
    for (const name of names.sort()) {
      const abs = join(dir, name);
      const rel = relative(root, abs).split(sep).join('/');
      let st;
      try {
        st = await lstat(abs);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (ALWAYS_SKIP.has(name) || skip.dir(rel)) continue;
        await visit(abs);
        continue;
      }
      const type: EntryInfo['type'] = st.isFile() ? 'file' : st.isSymbolicLink() ? 'symlink' : 'other';
      const info: EntryInfo = { path: rel, size: st.size, mode: st.mode & 0o7777, type };
      if (skip.file(rel)) continue;
      result.paths.push(rel);
      for (const o of observers) {
        const r = o.observe!(info);
        if (r) result.observed.push({ path: rel, analyzer: o.id, result: r });
      }
      if (type !== 'file') continue;
      result.files++;
      result.bytes += st.size;
      const wanted = opts.analyzers.filter((a) => a.wants(rel, info));
      if (wanted.length === 0) continue;
      const limit = bufferLimit(wanted);
      if (info.size > limit) result.analyses.push(tooBigToAnalyze(rel, info.size, limit));
      else pending.push(analyzeFile(abs, info, wanted));
    }
  };
  await visit(root);
  await Promise.all(pending);
  // Keep results in path order whatever order the reads finished in: output is deterministic.
  result.analyses.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

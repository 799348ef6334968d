import type { Analyzer, AnalyzerInput } from '../analyze/types.js';
import type { FileAnalysis } from './layer-walk.js';
import { Limits, mib } from './limits.js';

/**
 * Runs each analyzer on one file and records what it found. An analyzer that throws becomes a
 * warning naming the file: one bad file never stops a layer or a directory walk.
 */
export async function runAnalyzers(wanted: Analyzer[], input: AnalyzerInput, out: FileAnalysis[]): Promise<void> {
  for (const a of wanted) {
    try {
      const r = await a.analyze(input);
      if (r) out.push({ path: input.path, analyzer: a.id, result: r });
    } catch (e) {
      out.push({ path: input.path, analyzer: a.id, result: { warnings: [{ what: `${a.id} analyzer failed: ${(e as Error).message}`, where: input.path }] } });
    }
  }
}

/** The most bytes of one file these analyzers may have buffered: package DBs have a lower cap. */
export function bufferLimit(wanted: Analyzer[]): number {
  return wanted.some((a) => a.kind === 'os-pkg') ? Limits.packageDbBytes : Limits.analyzedFileBytes;
}

/** The file is not read: a warning that names it and the limit it went over. */
export function tooBigToAnalyze(path: string, size: number, limit: number): FileAnalysis {
  return { path, analyzer: 'walk', result: { warnings: [{ what: `file not analysed: ${size} bytes is over the ${mib(limit)} limit for one ${limit === Limits.packageDbBytes ? 'package database' : 'analysed file'}`, where: path }] } };
}

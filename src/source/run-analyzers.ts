import type { Analyzer, AnalyzerInput } from '../analyze/types.js';
import type { FileAnalysis } from './layer-walk.js';

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

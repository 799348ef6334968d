import type { Analyzer } from '../types.js';
import { basename, isCandidateExecutable, langAnalyzer } from '../lang-common/index.js';
import { analyzeGoBinary, goBinaryNeedsBody } from './buildinfo.js';
import { parseGoMod } from './gomod.js';

const MB = 1024 * 1024;

export const golangAnalyzers: Analyzer[] = [
  langAnalyzer('go-binary', 2, (p, { size, mode }) => isCandidateExecutable(p, size, mode), analyzeGoBinary, 'unreadable Go binary', {
    deferrable: true,
    needsBody: (f, read) => goBinaryNeedsBody(read, f.size),
  }),
  langAnalyzer('go-mod', 3, (p, { size }) => size < 16 * MB && basename(p) === 'go.mod' && !/(^|\/)vendor\//.test(p), parseGoMod, 'invalid go.mod'),
];

export { analyzeGoBinary, parseGoMod };
export { parseGoSum } from './gomod.js';
export { readGoBuildInfo, goBinaryPackages } from './buildinfo.js';

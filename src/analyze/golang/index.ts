import type { Analyzer } from '../types.js';
import { basename, langAnalyzer } from '../lang-common/index.js';
import { analyzeGoBinary } from './buildinfo.js';
import { parseGoMod } from './gomod.js';

const MB = 1024 * 1024;

/**
 * Executables are chosen by mode alone (any x bit), as the walk knows no content yet; files under
 * the usual non-binary trees and with script/library extensions are left out to save reads.
 * Shared by the Go and Rust binary analyzers' logic (each keeps its own copy: analyzers never import each other).
 */
export function isCandidateExecutable(path: string, size: number, mode: number): boolean {
  if (!(mode & 0o111) || size < 64 || size > 512 * MB) return false;
  if (/\.(sh|bash|py|pl|rb|js|mjs|cjs|php|txt|md|json|ya?ml|conf|so(\.\d+)*|a|o|h|c|jar|html?)$/i.test(path)) return false;
  return !/(^|\/)(usr\/share|usr\/include|etc|var\/lib\/dpkg|proc|sys|dev)\//.test(path);
}

export const golangAnalyzers: Analyzer[] = [
  langAnalyzer('go-binary', 1, (p, { size, mode }) => isCandidateExecutable(p, size, mode), analyzeGoBinary, 'unreadable Go binary'),
  langAnalyzer('go-mod', 1, (p, { size }) => size < 16 * MB && basename(p) === 'go.mod' && !/(^|\/)vendor\//.test(p), parseGoMod, 'invalid go.mod'),
];

export { analyzeGoBinary, parseGoMod };
export { parseGoSum } from './gomod.js';
export { readGoBuildInfo, goBinaryPackages } from './buildinfo.js';

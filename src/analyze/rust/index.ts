import type { Analyzer } from '../types.js';
import { basename, langAnalyzer } from '../lang-common/index.js';
import { analyzeRustBinary } from './auditable.js';
import { parseCargoLock } from './cargo-lock.js';

const MB = 1024 * 1024;

/** Executables by mode; same rule as the Go binary analyzer (analyzers do not import each other). */
function isCandidateExecutable(path: string, size: number, mode: number): boolean {
  if (!(mode & 0o111) || size < 64 || size > 512 * MB) return false;
  if (/\.(sh|bash|py|pl|rb|js|mjs|cjs|php|txt|md|json|ya?ml|conf|so(\.\d+)*|a|o|h|c|jar|html?)$/i.test(path)) return false;
  return !/(^|\/)(usr\/share|usr\/include|etc|var\/lib\/dpkg|proc|sys|dev)\//.test(path);
}

export const rustAnalyzers: Analyzer[] = [
  langAnalyzer('rust-binary', 1, (p, { size, mode }) => isCandidateExecutable(p, size, mode), analyzeRustBinary, 'unreadable Rust binary'),
  langAnalyzer('cargo-lock', 1, (p, { size }) => size < 32 * MB && basename(p) === 'Cargo.lock', parseCargoLock, 'invalid Cargo.lock'),
];

export { analyzeRustBinary, parseCargoLock };
export { parseAuditableJSON } from './auditable.js';

import type { Analyzer } from '../types.js';
import { basename, isCandidateExecutable, langAnalyzer } from '../lang-common/index.js';
import { analyzeRustBinary, rustBinaryNeedsBody } from './auditable.js';
import { parseCargoLock } from './cargo-lock.js';

const MB = 1024 * 1024;

export const rustAnalyzers: Analyzer[] = [
  langAnalyzer('rust-binary', 1, (p, { size, mode }) => isCandidateExecutable(p, size, mode), analyzeRustBinary, 'unreadable Rust binary', {
    deferrable: true,
    needsBody: (f, read) => rustBinaryNeedsBody(read, f.size),
  }),
  langAnalyzer('cargo-lock', 1, (p, { size }) => size < 32 * MB && basename(p) === 'Cargo.lock', parseCargoLock, 'invalid Cargo.lock'),
];

export { analyzeRustBinary, parseCargoLock };
export { parseAuditableJSON } from './auditable.js';

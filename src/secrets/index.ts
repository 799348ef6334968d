/** Secret detection: rules as data, a keyword-prefiltered scanner, and its entrances. */
export { secretAnalyzer, isTextCandidate } from './analyzer.js';
export { scanText, scannerFor } from './text.js';
export { scanImageConfigSecrets } from './image-config.js';
export { scanDirectory, type DirectoryScanOptions } from './directory.js';
export { SecretScanner, looksBinary, DEFAULT_MAX_FILE_SIZE } from './scanner.js';
export { builtinRules } from './rules/index.js';
export { redact, secretHash } from './redact.js';
export type { SecretRule, SecretScanOptions } from './types.js';
export { loadTrivySecretConfig, parseTrivySecretConfig } from './trivy-config.js';
export { loadGitleaksConfig, parseGitleaksConfig } from './gitleaks-config.js';
export { scanGitHistory, type HistoryScanOptions, type HistoryScanResult } from './history.js';

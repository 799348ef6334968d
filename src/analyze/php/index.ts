import type { Analyzer } from '../types.js';
import { basename, langAnalyzer } from '../lang-common/index.js';
import { parseComposerLock, parseInstalledJson } from './composer.js';

const MB = 1024 * 1024;

export const phpAnalyzers: Analyzer[] = [
  langAnalyzer('composer-installed', 1, (p, { size }) => size < 64 * MB && /(^|\/)composer\/installed\.json$/.test(p), parseInstalledJson, 'invalid composer installed.json'),
  // A lockfile inside vendor/ belongs to a dependency's own development, not to what is installed.
  langAnalyzer('composer-lock', 1, (p, { size }) => size < 64 * MB && basename(p) === 'composer.lock' && !/(^|\/)vendor\//.test(p), parseComposerLock, 'invalid composer.lock'),
];

export { parseComposerLock, parseInstalledJson };

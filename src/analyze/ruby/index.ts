import type { Analyzer } from '../types.js';
import { basename, langAnalyzer } from '../lang-common/index.js';
import { parseGemspec } from './gemspec.js';
import { parseGemfileLock } from './gemfile-lock.js';

const MB = 1024 * 1024;

export const rubyAnalyzers: Analyzer[] = [
  // Installed gems only: a source tree's own *.gemspec computes its values in Ruby.
  langAnalyzer('gemspec', 1, (p, { size }) => size < 4 * MB && /(^|\/)specifications\/(default\/)?[^/]+\.gemspec$/.test(p), parseGemspec, 'unreadable gemspec'),
  langAnalyzer('gemfile-lock', 3, (p, { size }) => size < 32 * MB && (basename(p) === 'Gemfile.lock' || basename(p) === 'gems.locked'), parseGemfileLock, 'invalid Gemfile.lock'),
];

export { parseGemspec, parseGemfileLock };

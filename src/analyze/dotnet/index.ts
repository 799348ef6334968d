import type { Analyzer } from '../types.js';
import { basename, langAnalyzer } from '../lang-common/index.js';
import { parseDepsJson } from './deps-json.js';
import { parsePackagesLock } from './packages-lock.js';

const MB = 1024 * 1024;

export const dotnetAnalyzers: Analyzer[] = [
  langAnalyzer('dotnet-deps', 1, (p, { size }) => size < 64 * MB && basename(p).toLowerCase().endsWith('.deps.json'), parseDepsJson, 'invalid .deps.json'),
  langAnalyzer('nuget-lock', 1, (p, { size }) => size < 64 * MB && basename(p) === 'packages.lock.json', parsePackagesLock, 'invalid packages.lock.json'),
];

export { parseDepsJson, parsePackagesLock };

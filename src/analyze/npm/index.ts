import type { Analyzer } from '../types.js';
import { basename, langAnalyzer } from '../lang-common/index.js';
import { isInstalledPackageJson, parsePackageJson } from './package-json.js';
import { parsePackageLock } from './package-lock.js';
import { parseYarnLock } from './yarn-lock.js';
import { parsePnpmLock } from './pnpm-lock.js';

const MB = 1024 * 1024;
/** Lockfiles inside installed packages are their authors' dev setups, not what is installed. */
const insideNodeModules = (p: string) => p.includes('node_modules/');

export const npmAnalyzers: Analyzer[] = [
  langAnalyzer('npm-package-json', 1, (p, { size }) => size < 4 * MB && isInstalledPackageJson(p), parsePackageJson, 'invalid package.json'),
  langAnalyzer(
    'npm-package-lock',
    3,
    (p, { size }) => size < 256 * MB && /^(package-lock|npm-shrinkwrap)\.json$/.test(basename(p)) && !insideNodeModules(p),
    parsePackageLock,
    'invalid package-lock.json',
  ),
  langAnalyzer('yarn-lock', 3, (p, { size }) => size < 256 * MB && basename(p) === 'yarn.lock' && !insideNodeModules(p), parseYarnLock, 'invalid yarn.lock'),
  langAnalyzer('pnpm-lock', 3, (p, { size }) => size < 256 * MB && basename(p) === 'pnpm-lock.yaml' && !insideNodeModules(p), parsePnpmLock, 'invalid pnpm-lock.yaml'),
];

export { parsePackageJson, parsePackageLock, parseYarnLock, parsePnpmLock };

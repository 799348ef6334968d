import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { parseJSON } from '../lang-common/index.js';
import { npmLicenses, npmPackage } from './purl.js';

/**
 * Installed packages: `…/node_modules/<name>/package.json` and `…/node_modules/@scope/<name>/package.json`
 * (also pnpm's `.pnpm/<id>/node_modules/<name>/package.json`). Like Trivy's image mode, a project's own
 * package.json outside node_modules is not a dependency and is not reported; package.json files deeper
 * inside a package (e.g. `dist/esm/package.json`, which only set "type") are not packages either.
 */
const INSTALLED = /(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/@.][^/]*\/package\.json$/;

export function isInstalledPackageJson(path: string): boolean {
  return INSTALLED.test(path);
}

export function parsePackageJson(file: AnalyzerInput): Package[] {
  const pkg = parseJSON(file.content) as Record<string, unknown>;
  if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) throw new Error('not a JSON object');
  const { name, version } = pkg;
  // Some packages ship a stub package.json without name/version (test fixtures, templates): not a package.
  if (typeof name !== 'string' || !name || typeof version !== 'string' || !version) return [];
  return [npmPackage(name, version, file, { licenses: npmLicenses(pkg) })];
}

import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { parseJSON } from '../lang-common/index.js';
import { composerPackage } from './purl.js';

interface ComposerEntry {
  name?: unknown;
  version?: unknown;
  license?: unknown;
  type?: unknown;
  dist?: { type?: unknown };
}

function toPackages(entries: unknown, file: AnalyzerInput, dev: (name: string) => boolean): Package[] {
  if (!Array.isArray(entries)) return [];
  const out: Package[] = [];
  for (const e of entries as ComposerEntry[]) {
    if (!e || typeof e.name !== 'string' || typeof e.version !== 'string') continue;
    // "path" repositories are the project's own folders; metapackages have no code.
    if (e.dist?.type === 'path' || e.type === 'metapackage') continue;
    const licenses = Array.isArray(e.license) ? e.license.filter((l): l is string => typeof l === 'string') : typeof e.license === 'string' ? [e.license] : [];
    out.push(composerPackage(e.name, e.version, file, licenses, dev(e.name) ? { dev: true } : undefined));
  }
  return out;
}

/**
 * vendor/composer/installed.json: Composer 1 writes a JSON array of packages; Composer 2 an object
 * {packages: […], dev: bool, "dev-package-names": […]} — packages listed there are marked `meta.dev`.
 */
export function parseInstalledJson(file: AnalyzerInput): Package[] {
  const doc = parseJSON(file.content) as unknown;
  if (Array.isArray(doc)) return toPackages(doc, file, () => false);
  if (!doc || typeof doc !== 'object') throw new Error('not a JSON object or array');
  const d = doc as { packages?: unknown; 'dev-package-names'?: unknown };
  if (!Array.isArray(d.packages)) throw new Error('no packages array');
  const devNames = new Set(Array.isArray(d['dev-package-names']) ? (d['dev-package-names'] as string[]) : []);
  return toPackages(d.packages, file, (n) => devNames.has(n));
}

/** composer.lock: `packages` (runtime) and `packages-dev` (marked `meta.dev`). */
export function parseComposerLock(file: AnalyzerInput): Package[] {
  const doc = parseJSON(file.content) as { packages?: unknown; 'packages-dev'?: unknown };
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not a JSON object');
  if (!Array.isArray(doc.packages)) throw new Error('no packages array');
  return [...toPackages(doc.packages, file, () => false), ...toPackages(doc['packages-dev'], file, () => true)];
}

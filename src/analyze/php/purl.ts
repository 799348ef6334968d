import type { Package } from '../../core/types.js';
import { langPackage } from '../lang-common/index.js';

/** A Composer package "vendor/name": PURL pkg:composer/vendor/name@version, version as composer wrote it. */
export function composerPackage(name: string, version: string, file: { path: string; layer?: string }, licenses: string[], meta?: Record<string, unknown>): Package {
  const slash = name.indexOf('/');
  return langPackage(
    {
      ecosystem: 'Packagist',
      purlType: 'composer',
      name,
      version,
      purlNamespace: slash > 0 ? name.slice(0, slash) : undefined,
      purlName: slash > 0 ? name.slice(slash + 1) : name,
      licenses,
      meta,
    },
    file,
  );
}

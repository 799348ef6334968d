import type { Package } from '../../core/types.js';
import { langPackage } from '../lang-common/index.js';

/** PEP 503: names compare lowercased with runs of "-", "_" and "." folded to one "-". */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

export function pypiPackage(
  name: string,
  version: string,
  file: { path: string; layer?: string },
  extra: { licenses?: string[]; meta?: Record<string, unknown> } = {},
): Package {
  const norm = normalizeName(name);
  const meta = { ...(extra.meta ?? {}) };
  if (norm !== name) meta.declaredName = name;
  const pkg = langPackage({ ecosystem: 'PyPI', purlType: 'pypi', name: norm, version, licenses: extra.licenses, meta }, file);
  return pkg;
}

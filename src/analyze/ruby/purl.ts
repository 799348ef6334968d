import type { Package } from '../../core/types.js';
import { langPackage } from '../lang-common/index.js';

export function gemPackage(name: string, version: string, file: { path: string; layer?: string }, licenses: string[] = [], meta?: Record<string, unknown>): Package {
  return langPackage({ ecosystem: 'RubyGems', purlType: 'gem', name, version, licenses, meta }, file);
}

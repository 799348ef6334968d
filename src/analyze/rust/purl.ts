import type { Package } from '../../core/types.js';
import { langPackage } from '../lang-common/index.js';

export function cratePackage(name: string, version: string, file: { path: string; layer?: string }, meta?: Record<string, unknown>): Package {
  return langPackage({ ecosystem: 'crates.io', purlType: 'cargo', name, version, meta }, file);
}

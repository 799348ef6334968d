import type { Package } from '../../core/types.js';
import { langPackage } from '../lang-common/index.js';

export function nugetPackage(name: string, version: string, file: { path: string; layer?: string }, meta?: Record<string, unknown>): Package {
  return langPackage({ ecosystem: 'NuGet', purlType: 'nuget', name, version, meta }, file);
}

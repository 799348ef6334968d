import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { parseJSON } from '../lang-common/index.js';
import { nugetPackage } from './purl.js';

/**
 * NuGet packages.lock.json (lock format 1 and 2): `dependencies` per target framework (and per
 * framework/RID), each package with its `type` (Direct, Transitive, CentralTransitive, Project) and the
 * `resolved` version. Project references are the solution's own code and are not reported.
 */
export function parsePackagesLock(file: AnalyzerInput): Package[] {
  const doc = parseJSON(file.content) as { dependencies?: Record<string, Record<string, { type?: string; resolved?: string }>> };
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not a JSON object');
  if (!doc.dependencies || typeof doc.dependencies !== 'object') throw new Error('no dependencies object');
  const out: Package[] = [];
  const seen = new Map<string, Package>();
  for (const deps of Object.values(doc.dependencies)) {
    for (const [name, d] of Object.entries(deps ?? {})) {
      if (!d || d.type === 'Project' || typeof d.resolved !== 'string') continue;
      const key = `${name.toLowerCase()}@${d.resolved}`;
      if (seen.has(key)) continue;
      const p = nugetPackage(name, d.resolved, file, d.type === 'Direct' ? { direct: true } : undefined);
      seen.set(key, p);
      out.push(p);
    }
  }
  return out;
}

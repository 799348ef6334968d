import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { parseJSON } from '../lang-common/index.js';
import { pypiPackage } from './purl.js';

/** Pipfile.lock: `default` and `develop` maps of name → {version: "==1.2.3"}; VCS/path entries have no version. */
export function parsePipfileLock(file: AnalyzerInput): Package[] {
  const lock = parseJSON(file.content) as Record<string, Record<string, { version?: unknown }>>;
  if (!lock || typeof lock !== 'object') throw new Error('not a JSON object');
  const out: Package[] = [];
  const seen = new Set<string>();
  for (const section of ['default', 'develop']) {
    for (const [name, e] of Object.entries(lock[section] ?? {})) {
      if (typeof e?.version !== 'string') continue;
      const version = e.version.replace(/^===?/, '').trim();
      const key = `${name.toLowerCase()}@${version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(pypiPackage(name, version, file, { meta: section === 'develop' ? { dev: true } : undefined }));
    }
  }
  return out;
}

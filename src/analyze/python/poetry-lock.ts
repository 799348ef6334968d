import { parse as parseToml } from 'smol-toml';
import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { text } from '../lang-common/index.js';
import { pypiPackage } from './purl.js';

interface LockedPackage {
  name?: unknown;
  version?: unknown;
  category?: unknown;
  groups?: unknown;
  source?: { type?: unknown; url?: unknown };
}

/** poetry.lock (Poetry 1.x `category`, 2.x `groups`): one [[package]] table per locked distribution. */
export function parsePoetryLock(file: AnalyzerInput): Package[] {
  const doc = parseToml(text(file.content)) as { package?: LockedPackage[] };
  const out: Package[] = [];
  for (const p of doc.package ?? []) {
    if (typeof p.name !== 'string' || typeof p.version !== 'string') continue;
    // path/directory sources are the project's own code checked out beside the lockfile
    if (p.source?.type === 'directory') continue;
    const groups = Array.isArray(p.groups) ? p.groups.map(String) : undefined;
    const dev = p.category === 'dev' || (groups !== undefined && groups.length > 0 && !groups.includes('main'));
    out.push(pypiPackage(p.name, p.version, file, { meta: { ...(dev ? { dev: true } : {}), ...(groups ? { groups } : {}) } }));
  }
  return out;
}

/**
 * uv.lock: [[package]] tables; the project itself (and workspace members) has an `editable`,
 * `virtual` or `directory` source and is not a dependency.
 */
export function parseUvLock(file: AnalyzerInput): Package[] {
  const doc = parseToml(text(file.content)) as { package?: (LockedPackage & { source?: Record<string, unknown> })[] };
  const out: Package[] = [];
  for (const p of doc.package ?? []) {
    if (typeof p.name !== 'string' || typeof p.version !== 'string') continue;
    const src = p.source ?? {};
    if ('editable' in src || 'virtual' in src || 'directory' in src) continue;
    out.push(pypiPackage(p.name, p.version, file));
  }
  return out;
}

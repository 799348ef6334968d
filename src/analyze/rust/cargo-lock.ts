import { parse as parseToml } from 'smol-toml';
import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { text } from '../lang-common/index.js';
import { cratePackage } from './purl.js';

/**
 * Cargo.lock (format v1–v4): one [[package]] per crate. Crates without a `source` are the workspace's
 * own (the project and its path dependencies) and are not reported; registry and git crates are,
 * git ones with `meta.source`.
 */
export function parseCargoLock(file: AnalyzerInput): Package[] {
  const doc = parseToml(text(file.content)) as { package?: { name?: unknown; version?: unknown; source?: unknown }[] };
  const out: Package[] = [];
  const seen = new Set<string>();
  for (const p of doc.package ?? []) {
    if (typeof p.name !== 'string' || typeof p.version !== 'string' || typeof p.source !== 'string') continue;
    const key = `${p.name}@${p.version}@${p.source}`; // the same version from a registry and from git are two crates
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(cratePackage(p.name, p.version, file, p.source.startsWith('git+') ? { source: p.source } : undefined));
  }
  return out;
}

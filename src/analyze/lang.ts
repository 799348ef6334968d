import type { Package } from '../core/types.js';
import type { Analyzer } from './types.js';
import { npmAnalyzers } from './npm/index.js';
import { pythonAnalyzers, pythonRecordAnalyzer } from './python/index.js';
import { javaAnalyzers } from './java/index.js';
import { golangAnalyzers } from './golang/index.js';
import { rubyAnalyzers } from './ruby/index.js';
import { rustAnalyzers } from './rust/index.js';
import { phpAnalyzers } from './php/index.js';
import { dotnetAnalyzers } from './dotnet/index.js';

/** Build-time lockfiles and manifests: read in source trees, not in images (see Analyzer.sourceOnly). */
const LOCKFILE_ANALYZERS = new Set([
  'npm-package-lock', 'yarn-lock', 'pnpm-lock', 'poetry-lock', 'uv-lock', 'pipfile-lock', 'pip-requirements',
  'go-mod', 'gemfile-lock', 'cargo-lock', 'composer-lock', 'nuget-lock',
]);

/**
 * Every language-package analyzer (kind 'lang'). `wants` works on image paths and on paths relative
 * to a scanned directory alike, so `coastguard fs DIR` can run exactly this list over the tree.
 */
export const langAnalyzers: Analyzer[] = [...npmAnalyzers, ...pythonAnalyzers, ...javaAnalyzers, ...golangAnalyzers, ...rubyAnalyzers, ...rustAnalyzers, ...phpAnalyzers, ...dotnetAnalyzers].map(
  (a) => (LOCKFILE_ANALYZERS.has(a.id) ? { ...a, sourceOnly: true } : a),
);

/** The same plus Python's RECORD file lists; use only together with `mergeFileLists` on the result. */
export const langAnalyzersWithFileLists: Analyzer[] = [...langAnalyzers, pythonRecordAnalyzer];

/**
 * Analyzers see one file at a time, so a file list that lives beside a package's metadata (Python's
 * `RECORD` next to `METADATA`) comes out as its own entry, marked `meta.fileListOf` = the metadata
 * path. Run this once over the merged inventory: it moves each list onto its package's
 * `meta.installedFiles` (not `files`, which means "an OS package's file list" to the ownership step) and
 * drops the marker entries (orphans too — a RECORD without METADATA names no installed package).
 */
export function mergeFileLists(pkgs: Package[]): Package[] {
  const byLocation = new Map<string, Package>();
  for (const p of pkgs) {
    if (p.meta?.fileListOf === undefined) for (const l of p.locations) byLocation.set(`${l.layer ?? ''}\0${l.path}`, p);
  }
  const out: Package[] = [];
  for (const p of pkgs) {
    const target = p.meta?.fileListOf;
    if (typeof target !== 'string') {
      out.push(p);
      continue;
    }
    const owner = byLocation.get(`${p.locations[0]?.layer ?? ''}\0${target}`);
    const files = p.meta?.installedFiles;
    if (owner && Array.isArray(files)) owner.meta = { ...(owner.meta ?? {}), installedFiles: [...((owner.meta?.installedFiles as string[]) ?? []), ...files] };
  }
  return out;
}

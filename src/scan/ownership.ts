import type { Package } from '../core/types.js';

/**
 * A jar, wheel or Go binary that an OS package installed is already covered by the distro's
 * advisories; matching it again against language feeds double-counts. Mark such packages with
 * the owning OS package's name (`ownedBy`); the matcher skips them, reports still list them.
 */
export function markOwnedFiles(packages: Package[], listed: Map<string, string> = new Map()): Package[] {
  const owner = new Map<string, string>(listed);
  for (const p of packages) for (const f of p.files ?? []) owner.set(f.replace(/^\/+/, ''), p.name);
  if (owner.size === 0) return packages;
  return packages.map((p) => {
    if (p.files) return p; // OS packages own files; they are not owned
    // A jar nested in a jar is located as "outer.jar!inner.jar": the outer file is what was installed.
    const path = p.locations[0]?.path?.split('!')[0];
    const by = path ? owner.get(path) : undefined;
    return by ? { ...p, ownedBy: by } : p;
  });
}

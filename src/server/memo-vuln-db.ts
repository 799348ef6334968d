import type { VulnDb } from '../vulndb/index.js';

function memo<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    const r = fn(key);
    cache.set(key, r);
    return r;
  };
}

/**
 * The server matches the same advisories for thousands of images against one DB that never
 * changes while it is open (a new file is a new handle): per-CVE look-ups the library leaves
 * uncached (NVD enrichment, EPSS, KEV, aliases) are kept here for the handle's life.
 */
export function memoVulnDb(db: VulnDb): VulnDb {
  const enrichment = memo((k) => db.enrichment(k));
  const epss = memo((k) => db.epss(k));
  const kev = memo((k) => db.kev(k));
  const byAlias = memo((k) => db.byAlias(k));
  return {
    get path() {
      return db.path;
    },
    get builtAt() {
      return db.builtAt;
    },
    affected: (ns, pkg) => db.affected(ns, pkg),
    vuln: (id) => db.vuln(id),
    byAlias,
    enrichment,
    epss,
    kev,
    hasNamespace: (ns) => db.hasNamespace(ns),
    info: () => db.info(),
    close: () => db.close(),
  };
}

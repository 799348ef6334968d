import { alpineNamespace } from '../names.js';
import type { FeedSink } from '../types.js';
import { FeedError } from './errors.js';
import type { Feed } from './feed.js';

/**
 * Alpine secdb (https://secdb.alpinelinux.org/v3.19/main.json, and the older YAML): per release
 * and repository, each origin package's `secfixes` map "fixed version → ids". Version "0" means
 * the package was never affected. Also the per-package split vuln-list keeps
 * (`alpine/3.19/main/openssl.json`: `{name, secfixes}`), whose release comes from the path.
 */
export const id = 'alpine-secdb';

type Secfixes = Record<string, unknown>;

export function looksLikeSecdb(doc: unknown): boolean {
  const d = doc as Record<string, unknown> | null;
  return !!d && typeof d === 'object' && 'distroversion' in d && Array.isArray(d.packages);
}

export function looksLikeSplitSecdb(doc: unknown, path: string): boolean {
  const d = doc as Record<string, unknown> | null;
  return !!d && typeof d === 'object' && typeof d.name === 'string' && typeof d.secfixes === 'object' && !!releaseFromPath(path);
}

/** ".../3.19/main/openssl.json", ".../v3.19/main/openssl.json" → "3.19". */
export function releaseFromPath(path: string): string | undefined {
  // The release is the folder above main/community: "3.19", "v3.19", or a name carrying it ("secdb-v3.19-subset").
  const m = /(?:^|[\\/])(?:[^\\/]*?[-_])?v?(\d+\.\d+|edge)(?:[-_][^\\/]*)?[\\/](?:main|community|testing)[\\/][^\\/]+\.json$/.exec(path);
  return m?.[1];
}

export function parseSecdb(doc: unknown, where: string, sink: FeedSink): number {
  const d = doc as { distroversion?: unknown; packages?: unknown[] };
  if (typeof d.distroversion !== 'string' && typeof d.distroversion !== 'number') {
    throw new FeedError('Alpine secdb without "distroversion"', where);
  }
  const namespace = alpineNamespace(String(d.distroversion));
  let n = 0;
  for (const [i, p] of (d.packages ?? []).entries()) {
    const pkg = (p as { pkg?: { name?: unknown; secfixes?: unknown } })?.pkg;
    if (!pkg || typeof pkg.name !== 'string') throw new FeedError(`Alpine secdb: packages[${i}] has no pkg.name`, where);
    n += addSecfixes(namespace, pkg.name, (pkg.secfixes ?? {}) as Secfixes, where, sink);
  }
  return n;
}

/**
 * Wolfi's, Chainguard's and MinimOS's secdb (packages.wolfi.dev/os/security.json, the Chainguard
 * equivalent): Alpine's shape without `distroversion` (both distributions are rolling), the
 * distribution told by `urlprefix` / `reponame`.
 */
export function looksLikeRollingSecdb(doc: unknown): boolean {
  const d = doc as Record<string, unknown> | null;
  return !!d && typeof d === 'object' && !('distroversion' in d) && typeof d.apkurl === 'string' && Array.isArray(d.packages);
}

export function parseRollingSecdb(doc: unknown, where: string, sink: FeedSink): number {
  const d = doc as { urlprefix?: unknown; reponame?: unknown; packages: unknown[] };
  const origin = `${String(d.urlprefix ?? '')} ${String(d.reponame ?? '')}`.toLowerCase();
  const namespace = /wolfi/.test(origin) ? 'Wolfi' : /chainguard|cgr\.dev/.test(origin) ? 'Chainguard' : /mini\.dev|minimos/.test(origin) ? 'MinimOS' : undefined;
  if (!namespace) throw new FeedError(`secdb without distroversion names no rolling distribution we know (urlprefix "${String(d.urlprefix ?? '')}")`, where);
  let n = 0;
  for (const [i, p] of d.packages.entries()) {
    const pkg = (p as { pkg?: { name?: unknown; secfixes?: unknown } })?.pkg;
    if (!pkg || typeof pkg.name !== 'string') throw new FeedError(`secdb: packages[${i}] has no pkg.name`, where);
    n += addSecfixes(namespace, pkg.name, (pkg.secfixes ?? {}) as Secfixes, where, sink);
  }
  return n;
}

export function parseSplitSecdb(doc: unknown, where: string, sink: FeedSink): number {
  const d = doc as { name: string; secfixes: Secfixes };
  const release = releaseFromPath(where);
  if (!release) throw new FeedError('cannot tell the Alpine release from the path (want …/3.19/main/NAME.json)', where);
  return addSecfixes(alpineNamespace(release), d.name, d.secfixes ?? {}, where, sink);
}

const ID = /^(CVE-\d{4}-\d+|GHSA-[\w-]+|[A-Z][A-Z0-9]*-[\w.-]+)/;

function addSecfixes(namespace: string, pkg: string, secfixes: Secfixes, where: string, sink: FeedSink): number {
  if (typeof secfixes !== 'object' || Array.isArray(secfixes)) throw new FeedError(`Alpine secdb: secfixes of ${pkg} is not a map`, where);
  let n = 0;
  for (const [version, ids] of Object.entries(secfixes)) {
    const v = String(version).trim();
    if (v === '0') continue; // never affected in Alpine
    for (const raw of Array.isArray(ids) ? ids : [ids]) {
      for (const token of String(raw ?? '').split(/\s+/)) {
        const id = ID.exec(token)?.[1];
        if (!id) continue;
        const ref = namespace.startsWith('Alpine') ? `https://security.alpinelinux.org/vuln/${id}` : `https://images.chainguard.dev/security/${id}`;
        sink.vuln({ id, aliases: [], cvss: [], references: [ref] }, { shared: true, minimal: true });
        sink.affected({
          vulnId: id,
          namespace,
          package: pkg,
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: v }] }],
          status: 'fixed',
          fixed: [v],
        });
        n++;
      }
    }
  }
  return n;
}

export const feed: Feed = {
  id,
  parseDocument: (doc, where, sink) =>
    looksLikeSecdb(doc)
      ? parseSecdb(doc, where, sink)
      : looksLikeRollingSecdb(doc)
        ? parseRollingSecdb(doc, where, sink)
        : looksLikeSplitSecdb(doc, where)
          ? parseSplitSecdb(doc, where, sink)
          : undefined,
};

import { parseAllDocuments } from 'yaml';
import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { text } from '../lang-common/index.js';
import { npmPackage } from './purl.js';

interface PnpmEntry {
  name?: string;
  version?: string;
  dev?: boolean;
  resolution?: { tarball?: string; type?: string };
}

/**
 * pnpm-lock.yaml, lockfileVersion 5.x–9.0. Package keys changed shape over time:
 *   v5:  "/name/1.2.3" or "/@scope/name/1.2.3_peer@1.0.0" (peers after "_")
 *   v6:  "/name@1.2.3(peer@1.0.0)"
 *   v9:  "name@1.2.3" in `packages`, with peers only in `snapshots`.
 * Entries resolved from tarballs or git carry their own `name` and `version` fields, which win.
 * pnpm can write several YAML documents in one file (its own toolchain first); all are read.
 */
export function parsePnpmLock(file: AnalyzerInput): Package[] {
  const out: Package[] = [];
  const seen = new Set<string>();
  const docs = parseAllDocuments(text(file.content), { uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  let sawLock = false;
  for (const d of list) {
    if (d.errors.length) throw new Error(d.errors[0].message);
    const lock = d.toJS() as { lockfileVersion?: unknown; packages?: Record<string, PnpmEntry> } | null;
    if (!lock || typeof lock !== 'object') continue;
    if (lock.lockfileVersion === undefined) continue;
    sawLock = true;
    const major = Math.floor(Number.parseFloat(String(lock.lockfileVersion)));
    for (const [key, e] of Object.entries(lock.packages ?? {})) {
      // "file:dir" / "link:dir" entries are the project's own folders, not published packages.
      if (e?.resolution?.type === 'directory' || /^(link|workspace):/.test(key)) continue;
      const parsed = parseKey(key, major);
      const name = e?.name ?? parsed?.name;
      const version = e?.version ?? parsed?.version;
      if (!name || !version) continue;
      const k = `${name}@${version}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(npmPackage(name, version, file, { meta: e?.dev ? { dev: true } : undefined }));
    }
  }
  if (!sawLock) throw new Error('no lockfileVersion');
  return out;
}

export function parseKey(key: string, major: number): { name: string; version: string } | undefined {
  let k = key.startsWith('/') ? key.slice(1) : key;
  if (major >= 6) {
    const paren = k.indexOf('(');
    if (paren > 0) k = k.slice(0, paren);
    const at = k.lastIndexOf('@');
    if (at <= 0) return undefined;
    const name = k.slice(0, at);
    const version = k.slice(at + 1);
    return isVersion(version) && !name.includes(':') ? { name, version } : undefined;
  }
  // v5: "name/version" or "@scope/name/version_peers"; anything with more parts is a tarball/git key.
  const parts = k.split('/');
  const scoped = parts[0].startsWith('@');
  if (parts.length !== (scoped ? 3 : 2)) return undefined;
  const name = scoped ? `${parts[0]}/${parts[1]}` : parts[0];
  let version = parts[parts.length - 1];
  const underscore = version.indexOf('_');
  if (underscore > 0) version = version.slice(0, underscore);
  return isVersion(version) ? { name, version } : undefined;
}

const isVersion = (v: string) => /^\d+\.\d+\.\d+/.test(v);

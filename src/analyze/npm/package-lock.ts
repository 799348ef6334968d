import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { parseJSON } from '../lang-common/index.js';
import { npmLicenses, npmPackage } from './purl.js';

interface V1Dep {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  bundled?: boolean;
  dependencies?: Record<string, V1Dep>;
}
interface V2Entry {
  name?: string;
  version?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  link?: boolean;
  resolved?: string;
  license?: unknown;
  licenses?: unknown;
}

/**
 * package-lock.json / npm-shrinkwrap.json, lockfileVersion 1 (nested `dependencies`) and 2–3
 * (flat `packages` keyed by install path). Dev dependencies are kept with `meta.dev = true` so the
 * detect stage can choose; links to workspace folders and the root project are not packages.
 */
export function parsePackageLock(file: AnalyzerInput): Package[] {
  const lock = parseJSON(file.content) as { lockfileVersion?: number; packages?: Record<string, V2Entry>; dependencies?: Record<string, V1Dep> };
  if (!lock || typeof lock !== 'object') throw new Error('not a JSON object');
  const out: Package[] = [];
  const seen = new Set<string>();
  const add = (name: string, version: string, dev: boolean, licenses: string[] = []) => {
    const key = `${name}@${version}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(npmPackage(name, version, file, { licenses, meta: dev ? { dev: true } : undefined }));
  };

  if (lock.packages && typeof lock.packages === 'object') {
    for (const [key, e] of Object.entries(lock.packages)) {
      if (!key || !key.includes('node_modules/') || e.link || !e.version) continue;
      // The key's last node_modules segment is the install name (an alias for "npm:" deps); `name` the real one.
      const installName = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
      const name = e.name ?? installName;
      let version = e.version;
      // npm writes aliases as version "npm:real@1.2.3" in v1 only; keep the check for hand-edited locks.
      if (version.startsWith('npm:')) version = version.slice(version.lastIndexOf('@') + 1);
      add(name, version, !!(e.dev || e.devOptional), npmLicenses(e as Record<string, unknown>));
    }
    return out;
  }

  const walk = (deps: Record<string, V1Dep> | undefined) => {
    for (const [installName, d] of Object.entries(deps ?? {})) {
      if (!d || typeof d.version !== 'string') continue;
      // Hand-written locks sometimes key v1 entries by install path ("node_modules/x"): the name is the last part.
      let name = installName.includes('node_modules/') ? installName.slice(installName.lastIndexOf('node_modules/') + 13) : installName;
      let version = d.version;
      if (version.startsWith('npm:')) {
        // alias: "npm:@real/name@1.2.3"
        const spec = version.slice(4);
        const at = spec.lastIndexOf('@');
        name = spec.slice(0, at);
        version = spec.slice(at + 1);
      }
      // file:/link:/git deps carry a URL, not a registry version.
      if (!/^(file|link):/.test(version)) add(name, version, !!d.dev);
      walk(d.dependencies);
    }
  };
  walk(lock.dependencies);
  return out;
}

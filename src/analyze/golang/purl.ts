import type { Package } from '../../core/types.js';
import { langPackage } from '../lang-common/index.js';

/**
 * A Go module: name = module path, version as Go writes it ("v1.4.0"; OSV ranges leave the "v" off, the
 * matcher strips it). The toolchain is the module "stdlib" with version "v" + the Go release ("v1.19.8").
 */
export function goPackage(path: string, version: string, file: { path: string; layer?: string }, meta?: Record<string, unknown>): Package {
  const slash = path.lastIndexOf('/');
  return langPackage(
    {
      ecosystem: 'Go',
      purlType: 'golang',
      name: path,
      version,
      purlNamespace: slash > 0 ? path.slice(0, slash) : undefined,
      purlName: slash > 0 ? path.slice(slash + 1) : path,
      meta,
    },
    file,
  );
}

/** "go1.21.3" → "v1.21.3"; "go1.22" → "v1.22.0"; experiment suffixes ("go1.20.1 X:boringcrypto") dropped. */
export function stdlibVersion(goVersion: string): string | undefined {
  const m = /^go(\d+)\.(\d+)(?:\.(\d+))?((?:rc|beta)\d+)?/.exec(goVersion.trim());
  if (!m) return undefined;
  return `v${m[1]}.${m[2]}.${m[3] ?? '0'}${m[4] ? '-' + m[4] : ''}`;
}

import type { OSInfo } from '../../core/types.js';

/**
 * Google's distroless images keep one dpkg status file per package in var/lib/dpkg/status.d/ and
 * may lack a usable os-release (older ones say only PRETTY_NAME="Distroless"). The base-files
 * package's version carries the Debian release: "12.4+deb12u5" → Debian 12, "11.1+deb11u9" → 11.
 */
export function distrolessOsFromBaseFiles(statusText: string): OSInfo | undefined {
  let pkg: string | undefined;
  let version: string | undefined;
  for (const line of statusText.split('\n')) {
    if (line.startsWith('Package:')) pkg = line.slice(8).trim();
    else if (line.startsWith('Version:')) version = line.slice(8).trim();
  }
  if (pkg !== 'base-files' || !version) return undefined;
  const m = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return undefined;
  return { family: 'debian', version: m[1], name: 'Distroless' };
}

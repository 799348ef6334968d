import type { OSInfo, Package } from '../core/types.js';
import { alpineNamespace, canonicalEcosystem, DEBIAN_CODENAMES, debianNamespace, normalizePackageName } from '../vulndb/names.js';

/** Ecosystems of OS package managers: finalised (Debian, Alpine…) and neutral (dpkg, apk, rpm). */
const OS_ECOSYSTEMS = new Set(
  ['dpkg', 'apk', 'rpm', 'Debian', 'Ubuntu', 'Alpine', 'Wolfi', 'Chainguard', 'Red Hat', 'CentOS', 'Rocky Linux', 'AlmaLinux',
    'Amazon Linux', 'Oracle Linux', 'Fedora', 'Scientific Linux', 'SUSE', 'openSUSE', 'Photon OS', 'Mariner', 'Azure Linux'].map((e) => e.toLowerCase()),
);

export function isOsPackage(p: Package): boolean {
  return OS_ECOSYSTEMS.has(p.ecosystem.toLowerCase()) || /^pkg:(deb|apk|rpm)\//.test(p.purl ?? '');
}

/**
 * The DB namespace of an OS release: "Debian:12" (from the codename, else the major version),
 * "Alpine:v3.19". Other families are named "<Family>:<version>" and simply find no rows until a
 * feed for them is loaded.
 */
export function osNamespace(os: OSInfo): string {
  const family = os.family.toLowerCase();
  if (family === 'debian') {
    const code = (os.codename ?? '').toLowerCase().split('/')[0];
    if (code && DEBIAN_CODENAMES[code]) return debianNamespace(code);
    const major = /^(\d+)/.exec(os.version ?? '')?.[1];
    if (major) return `Debian:${major}`;
    return debianNamespace(code || os.version || 'sid');
  }
  if (family === 'alpine') return alpineNamespace(os.version || 'edge');
  const major = /^(\d+)/.exec(os.version ?? '')?.[1] ?? os.version;
  // OSV names these releases by major version (AlmaLinux:9, Rocky Linux:8).
  if (family === 'alma' || family === 'almalinux') return `AlmaLinux:${major}`;
  if (family === 'rocky') return `Rocky Linux:${major}`;
  if (family === 'ubuntu') {
    // OSV: "Ubuntu:22.04:LTS" for long-term releases (even years, .04), "Ubuntu:23.10" otherwise.
    const m = /^(\d\d)\.(\d\d)/.exec(os.version ?? '');
    if (m) return `Ubuntu:${m[1]}.${m[2]}${Number(m[1]) % 2 === 0 && m[2] === '04' ? ':LTS' : ''}`;
  }
  const name = family.charAt(0).toUpperCase() + family.slice(1);
  return `${name}:${os.version}`;
}

/**
 * Distro feeds keyed on binary package names (the AlmaLinux / Rocky OSV advisories list every
 * binary rpm); Debian and Alpine feeds are keyed on the source package.
 */
export function keysOnBinaryNames(namespace: string): boolean {
  return namespace.startsWith('AlmaLinux:') || namespace.startsWith('Rocky Linux:');
}

/** Namespace, lookup name and version the DB is queried with for a language package. */
export function languageKey(p: Package): { namespace: string; name: string; version: string } {
  const namespace = canonicalEcosystem(p.ecosystem);
  let name = p.name;
  let version = p.version;
  if (namespace === 'Maven' && !name.includes(':')) {
    const group = (p.meta?.groupId as string | undefined) ?? /^pkg:maven\/([^/]+)\//.exec(p.purl ?? '')?.[1];
    if (group) name = `${decodeURIComponent(group)}:${name}`;
  }
  if (namespace === 'Go') version = goVersion(name, version);
  return { namespace, name: normalizePackageName(namespace, name), version };
}

/**
 * Go vulndb writes versions without "v" and the toolchain as plain semver: "go1.21rc2" →
 * "1.21.0-rc.2", "go1.20" / "v1.20" → "1.20.0", "v0.0.0-2020…" → "0.0.0-2020…".
 */
export function goVersion(name: string, v: string): string {
  if (name === 'stdlib' || name === 'toolchain') {
    const m = /^(?:go|v)?(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/.exec(v.trim());
    if (!m) return v;
    const [, major, minor, patch, pre, n] = m;
    // Before Go 1.21 the first release of a line was "go1.20", i.e. 1.20.0.
    return `${major}.${minor}.${patch ?? '0'}${pre ? `-${pre}.${n}` : ''}`;
  }
  return v.startsWith('v') ? v.slice(1) : v;
}

import type { OSInfo, Package } from '../core/types.js';
import { ECOSYSTEMS, NEUTRAL_OS_ECOSYSTEMS } from '../core/ecosystems.js';
import { canonicalEcosystem, distroNamespace, isRpmNamespace, normalizePackageName } from '../vulndb/names.js';

/** Ecosystems of OS package managers: finalised (Debian, Alpine…) and neutral (dpkg, apk, rpm). */
const OS_ECOSYSTEMS = new Set(
  [...Object.keys(NEUTRAL_OS_ECOSYSTEMS), ...ECOSYSTEMS.filter((e) => e.kind === 'os').map((e) => e.osv)].map((e) => e.toLowerCase()),
);

export function isOsPackage(p: Package): boolean {
  return OS_ECOSYSTEMS.has(p.ecosystem.toLowerCase()) || /^pkg:(deb|apk|rpm)\//.test(p.purl ?? '');
}

/**
 * The DB namespace of an OS release: "Debian:12" (from the codename, else the major version),
 * "Alpine:v3.19", "Ubuntu:22.04:LTS", "Red Hat:9" (CentOS too), "Amazon Linux:2", "SUSE:15.5",
 * "Photon OS:4.0", "Mariner:2.0", "Wolfi" (see distroNamespace).
 */
export function osNamespace(os: OSInfo): string {
  return distroNamespace(os.family, os.version ?? '', os.codename);
}

/**
 * The names an OS package is looked up by. Debian, Ubuntu and Alpine feeds are keyed on the
 * source package; rpm vendors publish binary names (Amazon, Oracle, AlmaLinux, Rocky) or source
 * names (Red Hat, Mariner, Photon), so rpm packages are looked up by both.
 */
export function distroLookupNames(namespace: string, p: Package): string[] {
  if (!isRpmNamespace(namespace)) return [p.source?.name || p.name];
  return p.source?.name && p.source.name !== p.name ? [p.name, p.source.name] : [p.name];
}

/** The version compared for an OS package: the source version for source-keyed feeds, the binary EVR for rpm. */
export function distroVersion(namespace: string, p: Package): string {
  return isRpmNamespace(namespace) ? p.version : p.source?.version || p.version;
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

/**
 * Package-name and namespace normalisation shared by the feeds (at build time) and the matcher
 * (at scan time), so both sides of the index agree.
 */
import { ECOSYSTEMS, NAMESPACE_PREFIX_BY_FAMILY } from '../core/ecosystems.js';

/** OSV ecosystem spelling for the names inventories and feeds use loosely (src/core/ecosystems.ts). */
const ECOSYSTEM_ALIASES: Record<string, string> = Object.fromEntries(
  ECOSYSTEMS.flatMap((e) => [e.osv.toLowerCase(), ...(e.kind === 'lang' ? [...(e.purlType ? [e.purlType] : []), ...e.aliases] : [])].map((n) => [n, e.osv])),
);

/**
 * OSV's distro ecosystems that spell a release differently from our namespaces:
 * "SUSE:Linux Enterprise Server 15 SP5" → "SUSE:15.5", "openSUSE:Leap 15.5" → "openSUSE:15.5",
 * "openSUSE:Tumbleweed", "Red Hat:enterprise_linux:9::baseos" → "Red Hat:9".
 */
function osvDistroNamespace(eco: string): string | undefined {
  let m = /^SUSE:Linux Enterprise (?:Server|Micro|Desktop)(?: for SAP Applications)? (\d+)(?: SP(\d+))?/i.exec(eco);
  if (m) return `SUSE:${m[1]}${m[2] && m[2] !== '0' ? `.${m[2]}` : ''}`;
  m = /^openSUSE:Leap (?:Micro )?(\d+\.\d+)/i.exec(eco);
  if (m) return `openSUSE:${m[1]}`;
  if (/^openSUSE:Tumbleweed/i.test(eco)) return 'openSUSE:Tumbleweed';
  m = /^Red Hat:enterprise_linux:(\d+)(?::|$)/i.exec(eco);
  if (m) return `Red Hat:${m[1]}`;
  return undefined;
}

/** "pypi" → "PyPI", "Debian:12" → "Debian:12" (the release part kept as written). */
export function canonicalEcosystem(eco: string): string {
  const distro = osvDistroNamespace(eco);
  if (distro) return distro;
  const [base, ...rest] = eco.split(':');
  const canon = ECOSYSTEM_ALIASES[base.toLowerCase()] ?? base;
  return rest.length ? `${canon}:${rest.join(':')}` : canon;
}

/** The ecosystem part of a namespace: "Debian:12" → "Debian". */
export function baseEcosystem(namespace: string): string {
  const i = namespace.indexOf(':');
  return i < 0 ? namespace : namespace.slice(0, i);
}

/**
 * Names as each ecosystem compares them: PEP 503 for PyPI, lower-case where the registry is
 * case-insensitive (Packagist, NuGet); exact elsewhere (npm, Go module paths, Maven group:artifact,
 * crates, gems, distro source packages).
 */
export function normalizePackageName(ecosystem: string, name: string): string {
  switch (baseEcosystem(ecosystem)) {
    case 'PyPI':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'Packagist':
    case 'NuGet':
      return name.toLowerCase();
    default:
      return name;
  }
}

/** Debian codenames by major release (OSV names Debian releases by number). */
export const DEBIAN_CODENAMES: Record<string, string> = {
  buzz: '1.1', rex: '1.2', bo: '1.3', hamm: '2.0', slink: '2.1', potato: '2.2', woody: '3.0',
  sarge: '3.1', etch: '4', lenny: '5', squeeze: '6', wheezy: '7', jessie: '8', stretch: '9',
  buster: '10', bullseye: '11', bookworm: '12', trixie: '13', forky: '14', duke: '15', sid: 'sid', unstable: 'sid',
};

/** "bookworm" → "Debian:12"; an unknown codename is kept ("Debian:futurename"). */
export function debianNamespace(codenameOrNumber: string): string {
  const c = codenameOrNumber.trim().toLowerCase();
  return `Debian:${DEBIAN_CODENAMES[c] ?? c}`;
}

/** "3.19.1" / "v3.19" → "Alpine:v3.19"; "edge" stays "Alpine:edge". */
export function alpineNamespace(version: string): string {
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return m ? `Alpine:v${m[1]}.${m[2]}` : `Alpine:${version.trim()}`;
}

/**
 * The DB namespace of a distribution release, for feeds (at build time) and images (at scan time)
 * alike: one spelling per release, so OSV, vunnel and native feeds of the same release share rows.
 * `family` is the os family (src/analyze/os/families.ts): "ubuntu", "redhat", "amazon", "alma"…
 * Minor releases fold into the major where the vendor publishes per major (RHEL family, Amazon);
 * Ubuntu and SUSE keep major.minor; Photon and Mariner major.0; Wolfi and Chainguard are rolling.
 */
export function distroNamespace(family: string, version: string, codename?: string): string {
  const f = family.toLowerCase();
  const v = (version ?? '').trim();
  const major = /^(\d+)/.exec(v)?.[1];
  const minor = /^\d+\.(\d+)/.exec(v)?.[1];
  switch (f) {
    case 'debian': {
      const code = (codename ?? '').toLowerCase().split('/')[0];
      if (code && DEBIAN_CODENAMES[code]) return debianNamespace(code);
      if (major) return `Debian:${major}`;
      return debianNamespace(code || v || 'sid');
    }
    case 'ubuntu': {
      // OSV: "Ubuntu:22.04:LTS" for long-term releases (even years, .04), "Ubuntu:23.10" otherwise.
      const m = /^(\d\d)\.(\d\d)/.exec(v);
      if (m) return `Ubuntu:${m[1]}.${m[2]}${Number(m[1]) % 2 === 0 && m[2] === '04' ? ':LTS' : ''}`;
      return `Ubuntu:${v}`;
    }
    case 'alpine':
      return alpineNamespace(v || 'edge');
    case 'wolfi':
      return 'Wolfi';
    case 'chainguard':
      return 'Chainguard';
    case 'minimos':
      return 'MinimOS';
    case 'opensuse-tumbleweed':
      return 'openSUSE:Tumbleweed';
  }
  // Extended-support streams ("8.6+eus") are their own namespace, never the plain major.
  if (v.includes('+')) return `${FAMILY_ECOSYSTEM[f] ?? f}:${v}`;
  switch (f) {
    case 'redhat':
    case 'centos': // CentOS images are checked against Red Hat's data, as Trivy and Grype do
      return `Red Hat:${major ?? v}`;
    case 'alma':
      return `AlmaLinux:${major ?? v}`;
    case 'rocky':
      return `Rocky Linux:${major ?? v}`;
    case 'oracle':
      return `Oracle Linux:${major ?? v}`;
    case 'fedora':
      return `Fedora:${major ?? v}`;
    case 'amazon': {
      // Amazon Linux 1 calls its releases 2017.09, 2018.03; 2 is "2"; then 2022, 2023 (2023.3.2024…).
      const n = Number(major);
      if (n >= 2011 && n <= 2018) return 'Amazon Linux:1';
      return `Amazon Linux:${major ?? v}`;
    }
    case 'sles':
    case 'sle-micro':
      return `SUSE:${major ?? v}${minor && minor !== '0' ? `.${minor}` : ''}`;
    case 'opensuse-leap':
      return `openSUSE:${major && minor ? `${major}.${minor}` : v}`;
    case 'photon':
    case 'cbl-mariner':
    case 'azurelinux':
      return `${FAMILY_ECOSYSTEM[f]}:${major ? `${major}.${minor ?? '0'}` : v}`;
  }
  const name = FAMILY_ECOSYSTEM[f] ?? f.charAt(0).toUpperCase() + f.slice(1);
  return `${name}:${v}`;
}

/** Namespace prefixes of the same families (the OSV ecosystem names). */
const FAMILY_ECOSYSTEM = NAMESPACE_PREFIX_BY_FAMILY;

/** Namespaces whose packages are rpms: looked up by binary and by source name (vendors publish either). */
export function isRpmNamespace(namespace: string): boolean {
  return /^(Red Hat|AlmaLinux|Rocky Linux|Oracle Linux|Fedora|Amazon Linux|SUSE|openSUSE|Photon OS|Mariner|Azure Linux)(:|$)/.test(namespace);
}

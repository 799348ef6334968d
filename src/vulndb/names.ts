/**
 * Package-name and namespace normalisation shared by the feeds (at build time) and the matcher
 * (at scan time), so both sides of the index agree.
 */

/** OSV ecosystem spelling for the names inventories and feeds use loosely. */
const ECOSYSTEM_ALIASES: Record<string, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  go: 'Go',
  golang: 'Go',
  maven: 'Maven',
  rubygems: 'RubyGems',
  gem: 'RubyGems',
  'crates.io': 'crates.io',
  cargo: 'crates.io',
  packagist: 'Packagist',
  composer: 'Packagist',
  nuget: 'NuGet',
  hex: 'Hex',
  pub: 'Pub',
  debian: 'Debian',
  alpine: 'Alpine',
  ubuntu: 'Ubuntu',
};

/** "pypi" → "PyPI", "Debian:12" → "Debian:12" (the release part kept as written). */
export function canonicalEcosystem(eco: string): string {
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
  buster: '10', bullseye: '11', bookworm: '12', trixie: '13', forky: '14', duke: '15', sid: 'sid',
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

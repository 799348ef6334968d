/**
 * Front door of the version schemes: `schemeFor` maps an OSV ecosystem name (or a scheme id, or a
 * purl type) to its scheme; `isAffectedByOsvRanges` evaluates OSV range events.
 */
import { VersionError, type VersionScheme } from './types.js';
import { dpkg } from './dpkg.js';
import { apk } from './apk.js';
import { rpm } from './rpm.js';
import { semver } from './semver.js';
import { pep440 } from './pep440.js';
import { maven } from './maven.js';
import { golang } from './golang.js';
import { gem } from './gem.js';
import { cargo } from './cargo.js';
import { composer } from './composer.js';
import { nuget } from './nuget.js';

export { VersionError, VersionRangeError, type VersionScheme } from './types.js';
export { isAffectedByOsvRanges, isAffectedByOsvAffected, type OsvEvent, type OsvRange } from './osv.js';
export { dpkg, apk, rpm, semver, pep440, maven, golang, gem, cargo, composer, nuget };
export { isPseudoVersion } from './golang.js';

export const SCHEMES: readonly VersionScheme[] = [dpkg, apk, rpm, semver, pep440, maven, golang, gem, cargo, composer, nuget];

/** Lower-cased OSV ecosystem names (without any ":release" suffix), scheme ids and purl types. */
const BY_NAME: Record<string, VersionScheme> = {
  // Scheme ids.
  ...Object.fromEntries(SCHEMES.map((s) => [s.id, s])),
  // dpkg family.
  debian: dpkg, ubuntu: dpkg, 'linux mint': dpkg, echo: dpkg, deb: dpkg,
  // apk family.
  alpine: apk, wolfi: apk, chainguard: apk, alpaquita: apk, 'bellsoft hardened containers': apk, minimos: apk,
  // rpm family.
  'red hat': rpm, redhat: rpm, rhel: rpm, 'rocky linux': rpm, rocky: rpm, almalinux: rpm, alma: rpm, 'amazon linux': rpm,
  amazon: rpm, suse: rpm, sles: rpm, opensuse: rpm, fedora: rpm, centos: rpm, 'oracle linux': rpm, oracle: rpm,
  mageia: rpm, openeuler: rpm, 'azure linux': rpm, 'cbl-mariner': rpm, mariner: rpm, 'photon os': rpm, photon: rpm,
  // Languages (OSV ecosystem names and purl types).
  npm: semver, hex: semver, pub: semver, bitnami: semver, swifturl: semver, 'github actions': semver, julia: semver,
  pypi: pep440, python: pep440,
  maven: maven,
  go: golang, golang: golang,
  rubygems: gem, gem: gem,
  'crates.io': cargo, cargo: cargo,
  packagist: composer, composer: composer,
  nuget: nuget,
};

const VENDOR_PREFIXES = new Set(['root', 'seal']);

/**
 * The scheme for an OSV ecosystem ("Debian:12", "Alpine:v3.19", "Red Hat:enterprise_linux:9",
 * "npm", "crates.io", …), a scheme id ("dpkg", "pep440", …) or a purl type ("deb", "pypi", …).
 * Throws for an unknown name: guessing an ordering would produce silent wrong matches.
 */
export function schemeFor(ecosystemOrScheme: string): VersionScheme {
  const name = String(ecosystemOrScheme ?? '').trim();
  const segments = name.split(':');
  // Vendors that republish patched packages prefix the upstream ecosystem: "Root:Debian:12", "Seal:npm".
  if (segments.length > 1 && VENDOR_PREFIXES.has(segments[0]!.trim().toLowerCase())) return schemeFor(segments.slice(1).join(':'));
  const base = segments[0]!.trim().toLowerCase();
  const scheme = BY_NAME[name.toLowerCase()] ?? BY_NAME[base];
  if (!scheme) {
    throw new VersionError(
      'scheme',
      name,
      `unknown ecosystem or version scheme (known schemes: ${SCHEMES.map((s) => s.id).join(', ')}; ecosystems such as Debian, Alpine, Red Hat, npm, PyPI, Maven, Go, RubyGems, crates.io, Packagist, NuGet)`,
    );
  }
  return scheme;
}

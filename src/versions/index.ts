/**
 * Front door of the version schemes: `schemeFor` maps an OSV ecosystem name (or a scheme id, or a
 * purl type) to its scheme; `isAffectedByOsvRanges` evaluates OSV range events.
 */
import { ECOSYSTEMS } from '../core/ecosystems.js';
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

/** Lower-cased OSV ecosystem names (without any ":release" suffix), scheme ids, purl types and aliases (src/core/ecosystems.ts). */
const BY_NAME: Record<string, VersionScheme> = {
  ...Object.fromEntries(SCHEMES.map((s) => [s.id, s])),
  ...Object.fromEntries(
    ECOSYSTEMS.filter((e) => e.scheme).flatMap((e) => {
      const scheme = SCHEMES.find((s) => s.id === e.scheme)!;
      return [e.osv.toLowerCase(), ...(e.purlType ? [e.purlType] : []), ...e.aliases].map((n) => [n, scheme]);
    }),
  ),
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

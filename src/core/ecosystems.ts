/**
 * The one table of ecosystems: per ecosystem its OSV name (for OS families also the DB namespace
 * prefix, "Debian:12"), the purl type its packages get, the version scheme that orders its
 * versions, and the other spellings inventories and feeds use. Version schemes (src/versions),
 * DB names (src/vulndb/names.ts), SBOM reading (src/source/sbom.ts), SBOM writing (src/report)
 * and OS-package detection (src/detect) read from here; test/structure/registry.test.ts checks
 * that nothing they know is missing.
 */

export type SchemeId = 'dpkg' | 'apk' | 'rpm' | 'semver' | 'pep440' | 'maven' | 'golang' | 'gem' | 'cargo' | 'composer' | 'nuget';

export interface Ecosystem {
  /** OSV ecosystem name; for OS families the namespace prefix too. */
  osv: string;
  kind: 'os' | 'lang';
  /** purl type of its packages (none: we neither read nor write purls for it). */
  purlType?: string;
  /** Version scheme id (none: no scheme orders its versions yet, so it is never matched). */
  scheme?: SchemeId;
  /** Other spellings (lower case) that mean this ecosystem: purl types, os families, feed names. */
  aliases: string[];
  /** OS families (src/analyze/os/families.ts) whose DB namespaces start with `osv` ("centos" → "Red Hat:7"). */
  families?: string[];
}

const os = (osv: string, purlType: string | undefined, scheme: SchemeId | undefined, aliases: string[] = [], families?: string[]): Ecosystem => ({ osv, kind: 'os', purlType, scheme, aliases, families });
const lang = (osv: string, purlType: string | undefined, scheme: SchemeId, aliases: string[] = []): Ecosystem => ({ osv, kind: 'lang', purlType, scheme, aliases });

export const ECOSYSTEMS: readonly Ecosystem[] = [
  // dpkg family.
  os('Debian', 'deb', 'dpkg'),
  os('Ubuntu', 'deb', 'dpkg'),
  os('Linux Mint', 'deb', 'dpkg'),
  os('Echo', 'deb', 'dpkg'),
  // apk family.
  os('Alpine', 'apk', 'apk'),
  os('Wolfi', 'apk', 'apk'),
  os('Chainguard', 'apk', 'apk'),
  os('Alpaquita', 'apk', 'apk'),
  os('BellSoft Hardened Containers', 'apk', 'apk'),
  os('MinimOS', 'apk', 'apk'),
  // rpm family.
  os('Red Hat', 'rpm', 'rpm', ['redhat', 'rhel'], ['redhat', 'centos']),
  os('CentOS', 'rpm', 'rpm'),
  os('Rocky Linux', 'rpm', 'rpm', ['rocky'], ['rocky']),
  os('AlmaLinux', 'rpm', 'rpm', ['alma'], ['alma']),
  os('Amazon Linux', 'rpm', 'rpm', ['amazon'], ['amazon']),
  os('Oracle Linux', 'rpm', 'rpm', ['oracle'], ['oracle']),
  os('Fedora', 'rpm', 'rpm', [], ['fedora']),
  os('Scientific Linux', 'rpm', 'rpm', [], ['scientific']),
  os('SUSE', 'rpm', 'rpm', ['sles'], ['sles', 'sle-micro']),
  os('openSUSE', 'rpm', 'rpm', [], ['opensuse-leap', 'opensuse-tumbleweed']),
  os('Photon OS', 'rpm', 'rpm', ['photon'], ['photon']),
  os('Mariner', 'rpm', 'rpm', ['cbl-mariner'], ['cbl-mariner']),
  os('Azure Linux', 'rpm', 'rpm', [], ['azurelinux']),
  os('Mageia', 'rpm', 'rpm'),
  os('openEuler', 'rpm', 'rpm'),
  // Arch packages get purls (alpm) but no scheme orders their versions yet.
  os('Arch Linux', 'alpm', undefined),
  // Languages.
  lang('npm', 'npm', 'semver'),
  lang('PyPI', 'pypi', 'pep440', ['python']),
  lang('Maven', 'maven', 'maven'),
  lang('Go', 'golang', 'golang'),
  lang('RubyGems', 'gem', 'gem'),
  lang('crates.io', 'cargo', 'cargo'),
  lang('Packagist', 'composer', 'composer'),
  lang('NuGet', 'nuget', 'nuget'),
  lang('Hex', 'hex', 'semver'),
  lang('Pub', 'pub', 'semver'),
  lang('SwiftURL', 'swift', 'semver'),
  lang('Bitnami', undefined, 'semver'),
  lang('GitHub Actions', undefined, 'semver'),
  lang('Julia', undefined, 'semver'),
];

/** The neutral ecosystems package-DB analyzers return before the OS is known, by purl type. */
export const NEUTRAL_OS_ECOSYSTEMS: Readonly<Record<'dpkg' | 'apk' | 'rpm', string>> = { dpkg: 'deb', apk: 'apk', rpm: 'rpm' };

/** purl types that are not ecosystems: the image itself, files without a package manager. */
export const NON_ECOSYSTEM_PURL_TYPES: readonly string[] = ['oci', 'generic'];

/** purl types of OS packages ("deb", "apk", "rpm", "alpm"). */
export const OS_PURL_TYPES: ReadonlySet<string> = new Set(ECOSYSTEMS.filter((e) => e.kind === 'os' && e.purlType).map((e) => e.purlType!));

/** purl type → OSV name of the language ecosystems. */
export const LANGUAGE_BY_PURL_TYPE: Readonly<Record<string, string>> = Object.fromEntries(
  ECOSYSTEMS.filter((e) => e.kind === 'lang' && e.purlType).map((e) => [e.purlType!, e.osv]),
);

/** OS family → DB namespace prefix, for the families whose prefix is not their capitalised name. */
export const NAMESPACE_PREFIX_BY_FAMILY: Readonly<Record<string, string>> = Object.fromEntries(
  ECOSYSTEMS.flatMap((e) => (e.families ?? []).map((f) => [f, e.osv])),
);

/** Whether a purl names an OS package ("pkg:deb/…", "pkg:rpm/…"; the type case-insensitive). */
export function isOsPurl(purl: string | undefined): boolean {
  return !!purl && /^pkg:/i.test(purl) && OS_PURL_TYPES.has(purl.slice(4).split('/')[0]!.toLowerCase());
}

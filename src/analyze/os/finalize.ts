import { PackageURL } from 'packageurl-js';
import type { OSInfo, Package } from '../../core/types.js';
import { familyInfo } from './families.js';
import { NEUTRAL_OS_ECOSYSTEMS as NEUTRAL_PURL_TYPE } from '../../core/ecosystems.js';

/** The neutral ecosystems the package-DB analyzers return before the OS is known. */
export const NEUTRAL_OS_ECOSYSTEMS = new Set(Object.keys(NEUTRAL_PURL_TYPE));
const PURL_TYPE: Record<string, string> = NEUTRAL_PURL_TYPE;

/**
 * Once the merge knows the OS: gives OS packages their distribution's OSV ecosystem and a PURL
 * (purl spec: deb/apk/rpm types, `arch`, `distro`, and `epoch` as a qualifier for rpm).
 * Packages of other ecosystems pass through unchanged. When the OS is unknown the package keeps
 * its neutral ecosystem and gets a PURL without namespace or distro.
 */
export function finalizeOsPackages(packages: Package[], os: OSInfo | undefined): Package[] {
  const fam = os ? familyInfo(os.family) : undefined;
  return packages.map((p) => {
    if (!NEUTRAL_OS_ECOSYSTEMS.has(p.ecosystem)) return p;
    const type = PURL_TYPE[p.ecosystem];
    const ecosystem = fam?.ecosystem ?? p.ecosystem;
    const namespace = fam?.purlNamespace ?? (os?.family || undefined);
    return { ...p, ecosystem, purl: osPurl(type, namespace, p, os) };
  });
}

function distroQualifier(type: string, os: OSInfo | undefined): string | undefined {
  if (!os || !os.version) return undefined;
  // apk PURLs carry the bare Alpine release; deb and rpm name the distribution too.
  return type === 'apk' ? os.version : `${os.family}-${os.version}`;
}

/** rpm's Package.version is "[epoch:]version-release"; the PURL takes the epoch as a qualifier. */
function stripEpoch(version: string): string {
  const i = version.indexOf(':');
  return i > 0 && /^\d+$/.test(version.slice(0, i)) ? version.slice(i + 1) : version;
}

export function osPurl(type: string, namespace: string | undefined, p: Package, os: OSInfo | undefined): string {
  const q: Record<string, string> = {};
  if (p.arch) q.arch = p.arch;
  const distro = distroQualifier(type, os);
  if (distro) q.distro = distro;
  let version = p.version;
  if (type === 'rpm') {
    version = stripEpoch(p.version);
    if (p.epoch) q.epoch = String(p.epoch);
  }
  const s = new PackageURL(type, namespace, p.name, version, Object.keys(q).length ? q : undefined, undefined).toString();
  // packageurl-js 2.0 leaves '+' bare; the spec and the other tools encode it, since '+' reads as
  // a space in some decoders.
  return s.replace(/\+/g, '%2B');
}

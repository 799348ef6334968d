import type { OSInfo } from '../../core/types.js';
import { familyFromId } from './families.js';

/**
 * An OS named by another tool rather than by its release files: the operating-system component of
 * a CycloneDX SBOM (Trivy writes `amazon` / `2 (Karoo)`, `cbl-mariner` / `2.0`), an SPDX
 * OPERATING-SYSTEM package, or a purl `distro` qualifier. Family names are mapped as os-release
 * IDs are; the version keeps its first dotted number ("2 (Karoo)" → "2", "AMI release 2018.03" →
 * "2018.03"); a version without digits ("trixie/sid") stays as written.
 */
export function osFromName(name: string, version: string, prettyName?: string): OSInfo | undefined {
  const family = familyFromId(name);
  if (!family) return undefined;
  const v = version.trim();
  const num = /\d[^\s()]*/.exec(v)?.[0];
  const info: OSInfo = { family, version: num ?? v };
  if (prettyName) info.name = prettyName;
  return info;
}

/** Codenames a deb purl's `distro` may carry instead of a version (OSV writes `distro=jammy`). */
const CODENAMES: Record<string, [string, string]> = {
  trusty: ['ubuntu', '14.04'], xenial: ['ubuntu', '16.04'], bionic: ['ubuntu', '18.04'], focal: ['ubuntu', '20.04'],
  jammy: ['ubuntu', '22.04'], noble: ['ubuntu', '24.04'], buster: ['debian', '10'], bullseye: ['debian', '11'],
  bookworm: ['debian', '12'], trixie: ['debian', '13'],
};

/**
 * The purl `distro` qualifier: `ubuntu-22.04`, `cbl-mariner-2.0`, `amzn-2`, `rhel-9.4+eus`,
 * `opensuse-leap-15.5` (family, dash, version), a bare `3.19.1` (Trivy's apk purls: the family is
 * the purl namespace) or a codename (`jammy`).
 */
export function osFromDistroQualifier(distro: string, purlNamespace?: string): OSInfo | undefined {
  const d = distro.trim();
  const m = /^(.+?)-(\d.*)$/.exec(d);
  if (m) return osFromName(m[1], m[2]);
  const code = CODENAMES[d.toLowerCase()];
  if (code) return { family: code[0], version: code[1], codename: d.toLowerCase() };
  if (purlNamespace && /\d/.test(d)) return osFromName(purlNamespace, d);
  return undefined;
}

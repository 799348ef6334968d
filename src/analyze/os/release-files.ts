import type { OSInfo } from '../../core/types.js';
import { familyFromId } from './families.js';

/**
 * Parsers for the files distributions use to say what they are. Each returns undefined when the
 * file does not identify a release (empty, corrupt, unknown format), never throws.
 */

/** os-release(5): KEY=value lines, values optionally quoted with shell-style escapes. */
export function parseOsReleaseFields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) continue;
    let value = line.slice(eq + 1).trim();
    const q = value[0];
    if ((q === '"' || q === "'") && value.length >= 2 && value.endsWith(q)) {
      value = value.slice(1, -1);
      if (q === '"') value = value.replace(/\\([\\"$`])/g, '$1');
    }
    out.set(key, value);
  }
  return out;
}

/** "12 (bookworm)", "20.04.6 LTS (Focal Fossa)" → the word in parentheses, for old files without VERSION_CODENAME. */
function codenameFromVersion(version: string | undefined): string | undefined {
  // "14.04.5 LTS, Trusty Tahr" (old Ubuntu) or "12 (bookworm)".
  const m = version ? /\(([^)]+)\)|,\s*([A-Za-z][^,]*)$/.exec(version) : null;
  if (!m) return undefined;
  const word = (m[1] ?? m[2]).trim().split(/\s+/)[0].toLowerCase();
  return word && !/^\d/.test(word) ? word : undefined;
}

export function parseOsRelease(text: string): OSInfo | undefined {
  const f = parseOsReleaseFields(text);
  const id = f.get('ID');
  if (!id) return undefined;
  const family = familyFromId(id);
  let version = f.get('VERSION_ID') ?? '';
  // SUSE writes VERSION_ID="15.2" and VERSION="15-SP2"; keep the dotted form.
  if (!version && family === 'debian') {
    // Debian testing/sid have no VERSION_ID; PRETTY_NAME says "Debian GNU/Linux trixie/sid".
    const m = /\b([a-z]+\/sid)\b/.exec(f.get('PRETTY_NAME') ?? '');
    if (m) version = m[1];
  }
  const codename =
    f.get('VERSION_CODENAME') || f.get('UBUNTU_CODENAME') || (family === 'debian' || family === 'ubuntu' ? codenameFromVersion(f.get('VERSION')) : undefined);
  const info: OSInfo = { family, version };
  if (codename) info.codename = codename;
  const name = f.get('PRETTY_NAME') || f.get('NAME');
  if (name) info.name = name;
  return info;
}

/** etc/alpine-release: one line, "3.19.1". */
export function parseAlpineRelease(text: string): OSInfo | undefined {
  const v = text.trim().split('\n')[0].trim();
  if (!/^\d+(\.\d+)*(_[a-z0-9]+)?$/.test(v)) return undefined;
  return { family: 'alpine', version: v };
}

/** etc/debian_version: "12.5", "10.8", or "trixie/sid" on testing/unstable. */
export function parseDebianVersion(text: string): OSInfo | undefined {
  const v = text.trim().split('\n')[0].trim();
  if (!/^(\d+(\.\d+)*|[a-z]+\/sid)$/.test(v)) return undefined;
  return { family: 'debian', version: v };
}

/** etc/lsb-release (old Ubuntu images without os-release): DISTRIB_ID, DISTRIB_RELEASE, DISTRIB_CODENAME. */
export function parseLsbRelease(text: string): OSInfo | undefined {
  const f = parseOsReleaseFields(text);
  const id = f.get('DISTRIB_ID');
  const version = f.get('DISTRIB_RELEASE');
  if (!id || !version) return undefined;
  const info: OSInfo = { family: familyFromId(id), version };
  const codename = f.get('DISTRIB_CODENAME');
  if (codename) info.codename = codename;
  const name = f.get('DISTRIB_DESCRIPTION');
  if (name) info.name = name;
  return info;
}

/** Product names in redhat-release and its siblings, most specific first. */
const REDHAT_NAMES: [RegExp, string][] = [
  [/^centos stream/i, 'centos'],
  [/^centos/i, 'centos'],
  [/^rocky/i, 'rocky'],
  [/^almalinux/i, 'alma'],
  [/^fedora/i, 'fedora'],
  [/^oracle linux|^enterprise linux/i, 'oracle'],
  [/^amazon linux/i, 'amazon'],
  [/^scientific linux/i, 'scientific'],
  [/^red hat/i, 'redhat'], // RHEL, and the old "Red Hat Linux release 6.2 (Zoot)"
];

/**
 * etc/redhat-release, centos-release, rocky-release, almalinux-release, fedora-release,
 * oracle-release, system-release: "<Product> release <version> (<codename>)".
 */
export function parseRedhatRelease(text: string): OSInfo | undefined {
  const line = text.trim().split('\n')[0].trim();
  const m = /^(.*?)\s+release\s+(\d[\w.]*)(?:\s*\(([^)]*)\))?/i.exec(line);
  if (!m) return undefined;
  const hit = REDHAT_NAMES.find(([re]) => re.test(m[1]));
  if (!hit) return undefined;
  const info: OSInfo = { family: hit[1], version: m[2], name: line };
  // CentOS writes "(Final)" or "(Core)": a build tag, not a codename.
  if (m[3] && !/^(final|core)$/i.test(m[3].trim())) info.codename = m[3].trim();
  return info;
}

/** etc/SuSE-release (SLES ≤ 12, openSUSE ≤ 42): first line names the product, then VERSION / PATCHLEVEL. */
export function parseSuseRelease(text: string): OSInfo | undefined {
  const lines = text.trim().split('\n');
  const product = lines[0]?.trim() ?? '';
  const f = parseOsReleaseFields(lines.slice(1).map((l) => l.replace(/\s*=\s*/, '=')).join('\n'));
  const version = f.get('VERSION');
  if (!version) return undefined;
  const patch = f.get('PATCHLEVEL');
  if (/opensuse/i.test(product)) return { family: 'opensuse-leap', version, name: product };
  if (/suse linux enterprise/i.test(product)) return { family: 'sles', version: patch && patch !== '0' ? `${version}.${patch}` : version, name: product };
  return undefined;
}

/**
 * etc/photon-release ("VMware Photon OS 4.0"), etc/mariner-release ("CBL-Mariner 2.0.20230630"),
 * etc/azurelinux-release ("Microsoft Azure Linux 3.0.20240727"): product and version on the first line.
 */
export function parseProductRelease(text: string): OSInfo | undefined {
  const line = text.trim().split('\n')[0].trim();
  const m = /^(.*?)\s+(\d+(?:\.\d+)*)\b/.exec(line);
  if (!m) return undefined;
  const family = /photon/i.test(m[1]) ? 'photon' : /mariner/i.test(m[1]) ? 'cbl-mariner' : /azure linux/i.test(m[1]) ? 'azurelinux' : undefined;
  return family ? { family, version: m[2], name: line } : undefined;
}

/** CPE vendor:product → family, for etc/system-release-cpe and os-release's CPE_NAME. */
const CPE_FAMILY: [RegExp, string][] = [
  [/^amazon:amazon_linux$/, 'amazon'],
  [/^redhat:enterprise_linux$/, 'redhat'],
  [/^centos:(centos|linux)$/, 'centos'],
  [/^oracle:linux$/, 'oracle'],
  [/^rocky:rocky$/, 'rocky'],
  [/^almalinux:almalinux$/, 'alma'],
  [/^fedoraproject:fedora$/, 'fedora'],
  [/^suse:sles/, 'sles'],
  [/^opensuse:leap$/, 'opensuse-leap'],
  [/^vmware:photon/, 'photon'],
];

/**
 * A CPE naming the OS: "cpe:/o:amazon:amazon_linux:2", "cpe:2.3:o:amazon:amazon_linux:2023",
 * "cpe:/o:redhat:enterprise_linux:8.4:ga", "cpe:/o:oracle:linux:8:9:server" (Oracle puts the
 * minor release in the next field).
 */
export function parseCpeRelease(text: string): OSInfo | undefined {
  const cpe = text.trim().split('\n')[0].trim();
  const parts = cpe.startsWith('cpe:2.3:') ? cpe.split(':').slice(2) : cpe.startsWith('cpe:/') ? cpe.slice(5).split(':') : undefined;
  if (!parts || parts[0] !== 'o' || !parts[3]) return undefined;
  const hit = CPE_FAMILY.find(([re]) => re.test(`${parts[1]}:${parts[2]}`.toLowerCase()));
  if (!hit || !/^\d/.test(parts[3])) return undefined;
  let version = parts[3];
  if (hit[1] === 'oracle' && /^\d+$/.test(parts[4] ?? '')) version = `${version}.${parts[4]}`;
  return { family: hit[1], version };
}

/** Which parser reads which file (paths relative to the root, without the leading slash). */
export const RELEASE_FILES: Record<string, (text: string) => OSInfo | undefined> = {
  'etc/os-release': parseOsRelease,
  'usr/lib/os-release': parseOsRelease,
  'etc/alpine-release': parseAlpineRelease,
  'etc/debian_version': parseDebianVersion,
  'etc/lsb-release': parseLsbRelease,
  'etc/redhat-release': parseRedhatRelease,
  'etc/centos-release': parseRedhatRelease,
  'etc/rocky-release': parseRedhatRelease,
  'etc/almalinux-release': parseRedhatRelease,
  'etc/fedora-release': parseRedhatRelease,
  'etc/oracle-release': parseRedhatRelease,
  'etc/system-release': parseRedhatRelease,
  'etc/SuSE-release': parseSuseRelease,
  'etc/photon-release': parseProductRelease,
  'etc/mariner-release': parseProductRelease,
  'etc/azurelinux-release': parseProductRelease,
  'etc/system-release-cpe': parseCpeRelease,
};

/**
 * How much to trust each file when several name a release (lower wins): os-release first, then
 * the distribution's own file over the generic redhat-release (Oracle Linux 5 ships a
 * redhat-release that says "Red Hat"), and debian_version last (Ubuntu ships one too).
 * The merge step may use this ranking; exported for that purpose.
 */
export const RELEASE_FILE_RANK: string[] = [
  'etc/os-release',
  'usr/lib/os-release',
  'etc/alpine-release',
  'etc/oracle-release',
  'etc/rocky-release',
  'etc/almalinux-release',
  'etc/centos-release',
  'etc/fedora-release',
  'etc/system-release',
  'etc/photon-release',
  'etc/mariner-release',
  'etc/azurelinux-release',
  'etc/SuSE-release',
  'etc/system-release-cpe',
  'etc/redhat-release',
  'etc/lsb-release',
  'etc/debian_version',
  'var/lib/dpkg/status.d/base-files',
];

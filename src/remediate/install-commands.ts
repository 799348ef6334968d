/**
 * The install line for each ecosystem's package manager. One function per family, picked by the
 * OSV ecosystem name the package carries; a line may name several packages (binaries of one
 * source package move together).
 */

export interface Pinned {
  name: string;
  to: string;
  /** The package URL (Maven needs its group). */
  purl?: string;
}

/** Quotes a word only when the shell would read it as more than one plain word. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9._+:~=@/%^-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const words = (list: string[]) => list.map(shellWord).join(' ');

const APT = new Set(['debian', 'ubuntu', 'dpkg']);
const APK = new Set(['alpine', 'wolfi', 'chainguard', 'apk']);
const TDNF = new Set(['mariner', 'azure linux', 'photon os']);
const ZYPPER = new Set(['suse', 'opensuse']);
const RPM = new Set(['red hat', 'centos', 'rocky linux', 'almalinux', 'oracle linux', 'fedora', 'scientific linux', 'amazon linux', 'rpm']);

/** Releases whose package manager is still yum (no dnf): CentOS/RHEL/Oracle ≤ 7, Amazon Linux 2. */
function usesYum(family: string, osVersion: string | undefined): boolean {
  const major = Number(/^(\d+)/.exec(osVersion ?? '')?.[1] ?? NaN);
  if (family === 'amazon linux') return !(major >= 2022); // AL1 (2018.03) and AL2; AL2023 has dnf
  if (family === 'scientific linux') return true;
  return Number.isFinite(major) && major <= 7;
}

function mavenCoordinates(p: Pinned): string {
  if (p.name.includes(':')) return p.name;
  const m = /^pkg:maven\/([^/]+)\/([^@?#]+)/.exec(p.purl ?? '');
  return m ? `${decodeURIComponent(m[1])}:${decodeURIComponent(m[2])}` : p.name;
}

/** Go module versions carry a "v"; OSV's fixed versions do not. */
const goVersion = (v: string) => (v.startsWith('v') ? v : `v${v}`);

/**
 * The command that installs `pkgs` at their `to` versions. `osVersion` tells yum from dnf. Unknown
 * ecosystems get a plain sentence rather than a guessed command.
 */
export function installCommand(ecosystem: string, pkgs: Pinned[], osVersion?: string): string {
  const eco = ecosystem.split(':')[0].trim().toLowerCase();
  if (APT.has(eco)) return `apt-get install --only-upgrade ${words(pkgs.map((p) => `${p.name}=${p.to}`))}`;
  if (APK.has(eco)) return `apk add --upgrade ${words(pkgs.map((p) => `${p.name}=${p.to}`))}`;
  if (RPM.has(eco)) return `${usesYum(eco, osVersion) ? 'yum' : 'dnf'} upgrade -y ${words(pkgs.map((p) => `${p.name}-${p.to}`))}`;
  if (TDNF.has(eco)) return `tdnf upgrade -y ${words(pkgs.map((p) => `${p.name}-${p.to}`))}`;
  if (ZYPPER.has(eco)) return `zypper install -y ${words(pkgs.map((p) => `${p.name}=${p.to}`))}`;
  switch (eco) {
    case 'npm':
      return `npm install ${words(pkgs.map((p) => `${p.name}@${p.to}`))}`;
    case 'pypi':
      return `pip install ${words(pkgs.map((p) => `${p.name}==${p.to}`))}`;
    case 'maven':
      return pkgs
        .map((p) => `mvn versions:use-dep-version -Dincludes=${shellWord(mavenCoordinates(p))} -DdepVersion=${shellWord(p.to)} -DforceVersion=true`)
        .join(' && ');
    case 'go':
      // The standard library moves with the toolchain that builds the binary.
      return `go get ${words(pkgs.map((p) => (p.name === 'stdlib' ? `toolchain@go${p.to.replace(/^v/, '')}` : `${p.name}@${goVersion(p.to)}`)))}`;
    case 'rubygems':
      return pkgs.map((p) => `gem install ${shellWord(p.name)} -v ${shellWord(p.to)}`).join(' && ');
    case 'crates.io':
      return pkgs.map((p) => `cargo update -p ${shellWord(p.name)} --precise ${shellWord(p.to)}`).join(' && ');
    case 'packagist':
      return `composer require ${words(pkgs.map((p) => `${p.name}:${p.to}`))}`;
    case 'nuget':
      return pkgs.map((p) => `dotnet add package ${shellWord(p.name)} --version ${shellWord(p.to)}`).join(' && ');
    default:
      return pkgs.map((p) => `upgrade ${p.name} to ${p.to}`).join('; ');
  }
}

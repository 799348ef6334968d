/**
 * The distributions we know: how their os-release ID maps to our family name, the OSV ecosystem
 * their packages belong to, and the PURL namespace the purl spec (or common practice) uses.
 */
export interface FamilyInfo {
  family: string;
  /** OSV ecosystem name for this family's OS packages. */
  ecosystem: string;
  /** PURL namespace (pkg:<type>/<namespace>/…). */
  purlNamespace: string;
}

const FAMILIES: FamilyInfo[] = [
  { family: 'debian', ecosystem: 'Debian', purlNamespace: 'debian' },
  { family: 'ubuntu', ecosystem: 'Ubuntu', purlNamespace: 'ubuntu' },
  { family: 'alpine', ecosystem: 'Alpine', purlNamespace: 'alpine' },
  { family: 'wolfi', ecosystem: 'Wolfi', purlNamespace: 'wolfi' },
  { family: 'chainguard', ecosystem: 'Chainguard', purlNamespace: 'chainguard' },
  { family: 'redhat', ecosystem: 'Red Hat', purlNamespace: 'redhat' },
  { family: 'centos', ecosystem: 'CentOS', purlNamespace: 'centos' },
  { family: 'rocky', ecosystem: 'Rocky Linux', purlNamespace: 'rocky' },
  { family: 'alma', ecosystem: 'AlmaLinux', purlNamespace: 'almalinux' },
  { family: 'amazon', ecosystem: 'Amazon Linux', purlNamespace: 'amazon' },
  { family: 'oracle', ecosystem: 'Oracle Linux', purlNamespace: 'oracle' },
  { family: 'fedora', ecosystem: 'Fedora', purlNamespace: 'fedora' },
  { family: 'scientific', ecosystem: 'Scientific Linux', purlNamespace: 'scientific' },
  { family: 'sles', ecosystem: 'SUSE', purlNamespace: 'suse' },
  { family: 'sle-micro', ecosystem: 'SUSE', purlNamespace: 'suse' },
  { family: 'opensuse-leap', ecosystem: 'openSUSE', purlNamespace: 'opensuse' },
  { family: 'opensuse-tumbleweed', ecosystem: 'openSUSE', purlNamespace: 'opensuse' },
  { family: 'photon', ecosystem: 'Photon OS', purlNamespace: 'photon' },
  { family: 'cbl-mariner', ecosystem: 'Mariner', purlNamespace: 'mariner' },
  { family: 'azurelinux', ecosystem: 'Azure Linux', purlNamespace: 'azurelinux' },
];

const BY_FAMILY = new Map(FAMILIES.map((f) => [f.family, f]));

/** os-release ID (and ID_LIKE fallbacks) → family. IDs not listed keep their own name. */
const ID_TO_FAMILY: Record<string, string> = {
  debian: 'debian',
  ubuntu: 'ubuntu',
  alpine: 'alpine',
  wolfi: 'wolfi',
  chainguard: 'chainguard',
  rhel: 'redhat',
  centos: 'centos',
  rocky: 'rocky',
  almalinux: 'alma',
  amzn: 'amazon',
  ol: 'oracle',
  fedora: 'fedora',
  scientific: 'scientific',
  sles: 'sles',
  sles_sap: 'sles',
  'sle-micro': 'sle-micro',
  'suse-microos': 'sle-micro',
  'sl-micro': 'sle-micro',
  'sle-micro-rancher': 'sle-micro',
  'opensuse-leap': 'opensuse-leap',
  opensuse: 'opensuse-leap',
  'opensuse-tumbleweed': 'opensuse-tumbleweed',
  photon: 'photon',
  mariner: 'cbl-mariner',
  azurelinux: 'azurelinux',
  // The family names other tools write (Trivy's OS names, syft's purl distro qualifiers).
  alma: 'alma',
  amazon: 'amazon',
  amazonlinux: 'amazon',
  oracle: 'oracle',
  oraclelinux: 'oracle',
  redhat: 'redhat',
  rockylinux: 'rocky',
  'cbl-mariner': 'cbl-mariner',
  'suse linux enterprise server': 'sles',
  'suse linux enterprise micro': 'sle-micro',
  'opensuse.leap': 'opensuse-leap',
  'opensuse.tumbleweed': 'opensuse-tumbleweed',
};

export function familyFromId(id: string): string {
  const key = id.trim().toLowerCase();
  return ID_TO_FAMILY[key] ?? key;
}

export function familyInfo(family: string): FamilyInfo | undefined {
  return BY_FAMILY.get(family);
}

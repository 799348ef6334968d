import type { Finding, OSInfo, Package, ScanWarning } from '../core/types.js';
import type { MergedInventory } from './merge.js';
import { finalizeOsPackages } from '../analyze/os/finalize.js';
import { markOwnedFiles } from './ownership.js';
import { applyDebianPoms } from '../analyze/java/maven-repo.js';

export interface Inventory {
  os?: OSInfo;
  packages: Package[];
  findings: Finding[];
  warnings: ScanWarning[];
}

const byNameVersion = (a: Package, b: Package) =>
  a.ecosystem.localeCompare(b.ecosystem) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version) ||
  (a.locations[0]?.path ?? '').localeCompare(b.locations[0]?.path ?? '');

/**
 * From merged analysis results to the inventory scanners use: OS packages get their distro
 * ecosystem and PURLs once the OS is known, language packages inside OS-owned files are marked.
 */
/** dpkg keeps file lists apart from the status file: give each package the files its list names. */
function attachListedFiles(packages: Package[], owners: Map<string, string>): Package[] {
  if (owners.size === 0) return packages;
  const byPackage = new Map<string, string[]>();
  for (const [file, pkg] of owners) {
    const l = byPackage.get(pkg);
    if (l) l.push(file);
    else byPackage.set(pkg, [file]);
  }
  return packages.map((p) => {
    if (p.files || p.ecosystem !== 'dpkg') return p;
    const files = byPackage.get(p.name);
    return files ? { ...p, files: files.sort() } : p;
  });
}

export function buildInventory(merged: MergedInventory): Inventory {
  const withFiles = attachListedFiles(applyDebianPoms(merged.packages, merged.mavenPoms ?? [], merged.owners), merged.owners);
  const packages = markOwnedFiles(finalizeOsPackages(withFiles, merged.os), merged.owners).sort(byNameVersion);
  return { os: merged.os, packages, findings: merged.findings, warnings: merged.warnings };
}

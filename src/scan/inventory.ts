import type { Finding, OSInfo, Package, ScanWarning } from '../core/types.js';
import type { MergedInventory } from './merge.js';
import { finalizeOsPackages } from '../analyze/os/finalize.js';
import { markOwnedFiles } from './ownership.js';

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
export function buildInventory(merged: MergedInventory): Inventory {
  const packages = markOwnedFiles(finalizeOsPackages(merged.packages, merged.os), merged.owners).sort(byNameVersion);
  return { os: merged.os, packages, findings: merged.findings, warnings: merged.warnings };
}

import { PackageURL } from 'packageurl-js';
import type { Package, ScanWarning } from '../../core/types.js';
import type { Analyzer, AnalysisResult, AnalyzerInput } from '../types.js';
import { bdbHashValues } from './bdb.js';
import { RpmHeader, parseSourceRpm, readPackageInfo, type RpmPackageInfo } from './header.js';
import { ndbHeaderBlobs } from './ndb.js';
import { sqliteHeaderBlobs } from './sqlite.js';

/** Where distributions keep the rpm database (rpm ≥ 4.16 moved it to usr/lib/sysimage/rpm). */
const DB_DIRS = ['var/lib/rpm/', 'usr/lib/sysimage/rpm/', 'usr/share/rpm/'];
const DB_FILES: Record<string, (b: Buffer) => Buffer[]> = {
  'rpmdb.sqlite': sqliteHeaderBlobs,
  'Packages.db': ndbHeaderBlobs,
  Packages: bdbHashValues,
};

export function rpmDbKind(path: string): keyof typeof DB_FILES | undefined {
  for (const dir of DB_DIRS) {
    if (!path.startsWith(dir)) continue;
    const name = path.slice(dir.length);
    if (Object.hasOwn(DB_FILES, name)) return name as keyof typeof DB_FILES;
  }
  return undefined;
}

/** The full EVR the rpm version scheme compares: "[epoch:]version-release". */
export function evr(epoch: number | undefined, version: string, release: string): string {
  return `${epoch !== undefined ? `${epoch}:` : ''}${version}${release ? `-${release}` : ''}`;
}

export function packageFromInfo(info: RpmPackageInfo, path: string, layer?: string): Package {
  const version = evr(info.epoch, info.version, info.release);
  const src = info.sourceRpm ? parseSourceRpm(info.sourceRpm) : undefined;
  const pkg: Package = {
    name: info.name,
    version,
    ecosystem: 'rpm',
    purl: provisionalPurl(info),
    // A source RPM's file name has no epoch; it shares the binary's (as rpm builds them together).
    source: src ? { name: src.name, version: evr(info.epoch, src.version, src.release) } : { name: info.name, version },
    locations: [layer ? { path, layer } : { path }],
    licenses: info.license ? [info.license] : [],
    files: info.files,
  };
  if (info.arch) pkg.arch = info.arch;
  if (info.epoch !== undefined) pkg.epoch = info.epoch;
  const meta: Record<string, unknown> = {};
  if (info.vendor) meta.vendor = info.vendor;
  if (info.modularityLabel) meta.modularityLabel = info.modularityLabel;
  if (info.sourceRpm) meta.sourceRpm = info.sourceRpm;
  if (Object.keys(meta).length) pkg.meta = meta;
  return pkg;
}

function provisionalPurl(info: RpmPackageInfo): string {
  const q: Record<string, string> = {};
  if (info.arch) q.arch = info.arch;
  if (info.epoch) q.epoch = String(info.epoch);
  return new PackageURL('rpm', undefined, info.name, `${info.version}-${info.release}`, Object.keys(q).length ? q : undefined, undefined).toString();
}

/**
 * Packages from any of rpm's three database formats, with the neutral ecosystem 'rpm':
 * finalizeOsPackages (analyze/os) gives them Red Hat/Rocky/SUSE/… and the PURL once the OS is known.
 * gpg-pubkey entries (imported signing keys rpm stores as pseudo-packages) are left out.
 */
export function rpmPackagesFromDb(content: Buffer, path: string, layer?: string): { packages: Package[]; warnings: ScanWarning[] } {
  const kind = rpmDbKind(path) ?? (path.endsWith('.sqlite') ? 'rpmdb.sqlite' : path.endsWith('.db') ? 'Packages.db' : 'Packages');
  const warnings: ScanWarning[] = [];
  const packages: Package[] = [];
  let blobs: Buffer[];
  try {
    blobs = DB_FILES[kind](content);
  } catch (err) {
    return { packages, warnings: [{ what: `unreadable rpm database (${(err as Error).message})`, where: path }] };
  }
  blobs.forEach((blob, i) => {
    try {
      const info = readPackageInfo(RpmHeader.parse(blob));
      if (info.name === 'gpg-pubkey') return;
      packages.push(packageFromInfo(info, path, layer));
    } catch (err) {
      warnings.push({ what: `unreadable rpm header #${i + 1} (${(err as Error).message})`, where: path });
    }
  });
  return { packages, warnings };
}

export const rpmAnalyzer: Analyzer = {
  id: 'rpm',
  version: 2,
  kind: 'os-pkg',
  wants(path) {
    return rpmDbKind(path) !== undefined;
  },
  analyze(file: AnalyzerInput): AnalysisResult | undefined {
    const { packages, warnings } = rpmPackagesFromDb(file.content, file.path, file.layer);
    return warnings.length ? { packages, warnings } : { packages };
  },
};

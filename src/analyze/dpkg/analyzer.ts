import { PackageURL } from 'packageurl-js';
import type { Package } from '../../core/types.js';
import type { Analyzer, AnalysisResult, AnalyzerInput } from '../types.js';
import { dpkgEpoch, isInstalled, isValidDpkgVersion, parseDpkgStatus, parseSourceField } from './parse-status.js';

const STATUS_FILES = new Set(['var/lib/dpkg/status', 'usr/lib/dpkg/status']);
const STATUS_DIRS = ['var/lib/dpkg/status.d/', 'usr/lib/dpkg/status.d/'];
/** Distroless keeps control-file companions beside each status file; these are not status files. */
const NOT_STATUS = /\.(md5sums|preinst|postinst|prerm|postrm|conffiles|list|shlibs|symbols|triggers|templates|config)$/;

export function isDpkgStatusPath(path: string): boolean {
  if (STATUS_FILES.has(path)) return true;
  for (const dir of STATUS_DIRS) {
    if (path.startsWith(dir)) {
      const rest = path.slice(dir.length);
      return rest.length > 0 && !rest.includes('/') && !NOT_STATUS.test(rest);
    }
  }
  return false;
}

/**
 * Packages from dpkg's status file and distroless status.d/ files, with the neutral ecosystem
 * 'dpkg': finalizeOsPackages (analyze/os) gives them Debian/Ubuntu and the PURL once the OS is known.
 */
export function dpkgPackagesFromStatus(text: string, path: string, layer?: string): { packages: Package[]; warnings: { what: string; where: string }[] } {
  const packages: Package[] = [];
  const warnings: { what: string; where: string }[] = [];
  const entries = parseDpkgStatus(text);
  for (const e of entries) {
    if (!isInstalled(e.status)) continue;
    if (!e.version) continue; // placeholder paragraphs (virtual names) carry no version
    if (!isValidDpkgVersion(e.version)) {
      warnings.push({ what: `dpkg package "${e.package}" has an invalid version "${e.version}"; skipped`, where: `${path}:${e.line}` });
      continue;
    }
    const source = parseSourceField(e.source, e.package, e.version);
    const pkg: Package = {
      name: e.package,
      version: e.version,
      ecosystem: 'dpkg',
      purl: new PackageURL('deb', undefined, e.package, e.version, e.architecture ? { arch: e.architecture } : undefined, undefined).toString(),
      source,
      locations: [layer ? { path, line: e.line, layer } : { path, line: e.line }],
      licenses: [],
    };
    if (e.architecture) pkg.arch = e.architecture;
    const epoch = dpkgEpoch(e.version);
    if (epoch !== undefined) pkg.epoch = epoch;
    packages.push(pkg);
  }
  if (entries.length === 0 && text.trim() !== '') warnings.push({ what: 'dpkg status file has no package paragraphs (corrupt?)', where: path });
  return { packages, warnings };
}

export const dpkgAnalyzer: Analyzer = {
  id: 'dpkg',
  version: 1,
  kind: 'os-pkg',
  wants(path) {
    return isDpkgStatusPath(path);
  },
  analyze(file: AnalyzerInput): AnalysisResult | undefined {
    try {
      const { packages, warnings } = dpkgPackagesFromStatus(file.content.toString('utf8'), file.path, file.layer);
      return warnings.length ? { packages, warnings } : { packages };
    } catch (err) {
      return { warnings: [{ what: `unreadable dpkg status file (${(err as Error).message})`, where: file.path }] };
    }
  },
};

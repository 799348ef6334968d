import { PackageURL } from 'packageurl-js';
import type { Package } from '../../core/types.js';
import type { Analyzer, AnalysisResult, AnalyzerInput } from '../types.js';
import { parseApkInstalled } from './parse-installed.js';

export const APK_DB = 'lib/apk/db/installed';
/** Wolfi/Chainguard after their usr-merge keep the DB here; lib/ is then a symlink to usr/lib/. */
export const APK_DB_USRMERGE = 'usr/lib/apk/db/installed';

/**
 * Packages from lib/apk/db/installed, with the neutral ecosystem 'apk': finalizeOsPackages
 * (analyze/os) gives them Alpine/Wolfi/Chainguard and the PURL once the OS is known.
 */
export function apkPackagesFromInstalled(text: string, path: string, layer?: string): { packages: Package[]; warnings: { what: string; where: string }[] } {
  const packages: Package[] = [];
  const warnings: { what: string; where: string }[] = [];
  const { entries, badLines } = parseApkInstalled(text);
  if (badLines.length) {
    const more = badLines.length > 1 ? ` (and ${badLines.length - 1} more)` : '';
    warnings.push({ what: `apk installed database has lines that are not "X:value"${more}`, where: `${path}:${badLines[0]}` });
  }
  for (const e of entries) {
    if (!e.version) {
      warnings.push({ what: `apk package "${e.name}" has no version`, where: `${path}:${e.line}` });
      continue;
    }
    const pkg: Package = {
      name: e.name,
      version: e.version,
      ecosystem: 'apk',
      purl: new PackageURL('apk', undefined, e.name, e.version, e.arch ? { arch: e.arch } : undefined, undefined).toString(),
      source: { name: e.origin || e.name, version: e.version },
      locations: [layer ? { path, line: e.line, layer } : { path, line: e.line }],
      licenses: e.license ? [e.license] : [],
      files: e.files,
    };
    if (e.arch) pkg.arch = e.arch;
    packages.push(pkg);
  }
  if (entries.length === 0 && text.trim() !== '') warnings.push({ what: 'apk installed database has no packages (corrupt?)', where: path });
  return { packages, warnings };
}

export const apkAnalyzer: Analyzer = {
  id: 'apk',
  version: 2,
  kind: 'os-pkg',
  wants(path) {
    return path === APK_DB || path === APK_DB_USRMERGE;
  },
  analyze(file: AnalyzerInput): AnalysisResult | undefined {
    try {
      const { packages, warnings } = apkPackagesFromInstalled(file.content.toString('utf8'), file.path, file.layer);
      return warnings.length ? { packages, warnings } : { packages };
    } catch (err) {
      return { warnings: [{ what: `unreadable apk database (${(err as Error).message})`, where: file.path }] };
    }
  },
};

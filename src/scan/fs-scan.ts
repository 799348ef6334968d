import { analyzersFor } from '../analyze/registry.js';
import { type ScanResult, type ScanWarning } from '../core/types.js';
import { walkDirectory } from '../source/dir-walk.js';
import { buildInventory } from './inventory.js';
import { scanResult } from './result.js';
import { mergeLayers } from './merge.js';
import { analyzerKinds, type Scanner } from './scanners.js';
import { runScanners, type KubernetesObjects, type ScannerOptions } from './run-scanners.js';

export interface FsScanOptions extends ScannerOptions {
  scanners: Set<Scanner>;
  skipDirs?: string[];
  skipFiles?: string[];
  /** `--secret-config FILE`. */
  secretConfig?: string;
}

/**
 * `coastguard fs DIR`: a source tree or an unpacked root filesystem, walked as one layer with the
 * same analyzers as an image, so a rootfs gives the same inventory as the image it came from.
 */
export async function scanFilesystem(dir: string, opts: FsScanOptions): Promise<{ result: ScanResult; kubernetes?: KubernetesObjects }> {
  const analyzers = analyzersFor(analyzerKinds(opts.scanners), 'source', { secretConfig: opts.secretConfig, skipDirs: opts.skipDirs, skipFiles: opts.skipFiles });
  // One walk for everything: the analyzers, the secret scanner and the config files the
  // misconfiguration scanner reads, under the same skip globs.
  const configWarnings: ScanWarning[] = [];
  const configFileWanted = opts.scanners.has('misconfig') ? (await import('../misconfig/index.js')).configFileWanted : undefined;
  const keep = configFileWanted && ((rel: string, size: number) => configFileWanted(rel, size, configWarnings));
  const layer = await walkDirectory(dir, { analyzers, skipDirs: opts.skipDirs, skipFiles: opts.skipFiles, keep });
  const inv = buildInventory(mergeLayers([layer]));
  const result = scanResult({ name: dir, type: 'filesystem', os: inv.os }, { packages: inv.packages, findings: inv.findings, warnings: [...inv.warnings, ...configWarnings] });
  const { kubernetes } = await runScanners(result, opts.scanners, { ...opts, configFiles: layer.kept });
  return { result, kubernetes };
}

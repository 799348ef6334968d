import { withEol } from '../analyze/os/eol.js';
import type { ScanResult } from '../core/types.js';
import { readSbom } from '../source/sbom.js';
import { runScanners, type ScannerOptions } from './run-scanners.js';
import { scanResult } from './result.js';

/**
 * `coastguard sbom FILE`: an SBOM carries packages only, so vulnerabilities are the one scanner
 * that applies, and it needs its DB (asking for a scan of an SBOM without one is an error).
 */
export async function scanSbom(file: string, opts: Pick<ScannerOptions, 'dbPath' | 'cacheDir' | 'ignoreUnfixed' | 'skipDb'>): Promise<ScanResult> {
  const sbom = readSbom(file);
  const result = scanResult(
    { name: sbom.name, type: 'sbom', os: sbom.os ? withEol(sbom.os) : undefined },
    { packages: sbom.packages, warnings: sbom.skipped ? [{ what: `${sbom.skipped} components without a usable purl were skipped`, where: file }] : [] },
  );
  await runScanners(result, new Set(['vuln']), { ...opts, explicitScanners: true });
  return result;
}

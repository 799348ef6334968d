import { usageError } from '../core/errors.js';
import { SCHEMA_VERSION, type ScanResult } from '../core/types.js';
import { withEol } from '../analyze/os/eol.js';
import { readSbom } from '../source/sbom.js';
import { runScanners } from '../scan/run-scanners.js';
import type { Command } from './command.js';
import { scanFlags } from './common-flags.js';
import { scanOptionsFrom } from './scan-options.js';
import { finishScan, loadRunPolicy } from './scan-output.js';

export const command: Command = {
  name: 'sbom',
  summary: 'scan an SBOM (CycloneDX or SPDX JSON) for vulnerabilities',
  usage: 'Usage: coastguard sbom FILE [--db FILE] [--format …] [--severity …] [--exit-code N] [--ignore-unfixed] [--vex FILE]',
  options: { ...scanFlags },
  async run(ctx) {
    const policy = await loadRunPolicy(ctx);
    const file = ctx.positionals[0];
    if (!file) throw usageError('give an SBOM file', 'coastguard sbom');
    const o = scanOptionsFrom(ctx);
    const sbom = readSbom(file);
    const result: ScanResult = {
      schemaVersion: SCHEMA_VERSION,
      artifact: { name: sbom.name, type: 'sbom', os: sbom.os ? withEol(sbom.os) : undefined },
      packages: sbom.packages,
      findings: [],
      warnings: sbom.skipped ? [{ what: `${sbom.skipped} components without a usable purl were skipped`, where: file }] : [],
    };
    // An SBOM carries packages only: vulnerabilities are the one scanner that applies, and it
    // needs its DB (asking for a scan of an SBOM without one is an error, not a note).
    await runScanners(result, new Set(['vuln']), { dbPath: o.dbPath, cacheDir: o.cacheDir, ignoreUnfixed: o.ignoreUnfixed, explicitScanners: true });
    return finishScan(result, ctx, policy);
  },
};

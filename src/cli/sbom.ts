import { usageError } from '../core/errors.js';
import { scanSbom } from '../scan/sbom-scan.js';
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
    const result = await scanSbom(file, { dbPath: o.dbPath, cacheDir: o.cacheDir, ignoreUnfixed: o.ignoreUnfixed, skipDb: o.skipDb });
    return finishScan(result, ctx, policy);
  },
};

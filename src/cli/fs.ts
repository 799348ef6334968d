import { existsSync, statSync } from 'node:fs';
import { inputError, usageError } from '../core/errors.js';
import { scanFilesystem } from '../scan/fs-scan.js';
import type { Command } from './command.js';
import { scanFlags } from './common-flags.js';
import { scanOptionsFrom } from './scan-options.js';
import { commaList } from './flag-values.js';
import { finishScan, loadRunPolicy } from './scan-output.js';

export const command: Command = {
  name: 'fs',
  summary: 'scan a directory: a source tree (lockfiles, IaC, secrets) or an unpacked root filesystem',
  usage: [
    'Usage: coastguard fs DIR [flags]',
    '',
    '  --skip-dirs GLOB     directories to leave out (repeatable, or comma-separated)',
    '  --skip-files GLOB    files to leave out',
    '  --trusted-registry R registries Dockerfile FROM and manifests may use (hadolint DL3026; repeatable)',
    '  plus the shared scan flags: --scanners --format --output --severity --exit-code --config --db …',
  ].join('\n'),
  options: { ...scanFlags, 'secret-config': { type: 'string' }, 'trusted-registry': { type: 'string', multiple: true } },
  async run(ctx) {
    const policy = await loadRunPolicy(ctx);
    const dir = ctx.positionals[0];
    if (!dir) throw usageError('give a directory to scan', 'coastguard fs');
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw inputError('not a directory', dir);
    const o = scanOptionsFrom(ctx);
    const { result, kubernetes } = await scanFilesystem(dir, { ...o, explicitScanners: ctx.values.scanners !== undefined, trustedRegistries: commaList(ctx.values['trusted-registry']) });
    return finishScan(result, ctx, policy, { kubernetes });
  },
};

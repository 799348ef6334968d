import { readFileSync } from 'node:fs';
import { inputError, usageError } from '../core/index.js';
import { scanConfig } from '../scan/config-scan.js';
import type { Command } from './command.js';
import { scanFlags } from './common-flags.js';
import { finishScan, loadRunPolicy } from './scan-output.js';
import { commaList } from './flag-values.js';
import { checkSkipRules } from '../policy/known-ids.js';

export const command: Command = {
  name: 'config',
  summary: 'check Dockerfiles, Kubernetes manifests and docker-compose files for misconfigurations',
  usage: [
    'Usage: coastguard config PATH… [flags]       (PATH "-" reads a manifest or Dockerfile from stdin)',
    '',
    '  --skip-rules ID        rules to leave out: our ids, slugs or other tools\' ids (repeatable, comma-separated)',
    '  --trusted-registry R   registries FROM may use (hadolint DL3026; repeatable)',
    '  --skip-dirs GLOB       directories to leave out while walking (docs/DESIGN.md, "Skip globs")',
    '  --skip-files GLOB      files to leave out',
    '  plus the shared scan flags: --format --output --severity --exit-code --config --quiet …',
    '',
    'Examples:',
    '  coastguard config Dockerfile k8s/ compose.yaml',
    '  helm template my-chart | coastguard config - --format json',
  ].join('\n'),
  options: {
    ...scanFlags,
    'skip-rules': { type: 'string', multiple: true },
    'trusted-registry': { type: 'string', multiple: true },
  },
  async run(ctx) {
    const policy = await loadRunPolicy(ctx);
    const paths = ctx.positionals;
    if (paths.length === 0) throw usageError('give at least one file or directory (or - for stdin)', 'coastguard config');
    let stdin: string | undefined;
    if (paths.includes('-')) {
      try {
        stdin = readFileSync(0, 'utf8');
      } catch (e) {
        throw inputError(`cannot read standard input (${(e as NodeJS.ErrnoException).code ?? 'error'})`, '-');
      }
    }
    const skipRules = commaList(ctx.values['skip-rules']);
    await checkSkipRules(skipRules, '--skip-rules');
    const { result, kubernetes } = await scanConfig(paths, {
      stdin,
      skipRules,
      trustedRegistries: commaList(ctx.values['trusted-registry']),
      skipDirs: commaList(ctx.values['skip-dirs']),
      skipFiles: commaList(ctx.values['skip-files']),
    });
    // Malformed files never stop the scan: each becomes one warning, printed once by finishScan
    // (and in the JSON "warnings"); under --exit-code they fail the gate.
    return finishScan(result, ctx, policy, { kubernetes });
  },
};

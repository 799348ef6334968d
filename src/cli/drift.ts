import { usageError } from '../core/errors.js';
import type { Command } from './command.js';
import { scanFlags } from './common-flags.js';
import { chosenEngine, ENGINE_USAGE, engineFlags } from './engine-flags.js';
import { commaList } from './flag-values.js';
import { scanOptionsFrom } from './scan-options.js';
import { finishScan, loadRunPolicy } from './scan-output.js';

export const command: Command = {
  name: 'drift',
  summary: 'what changed in a running container compared with its image (files, executables, packages)',
  usage: [
    'Usage: coastguard drift CONTAINER… | --all [flags]',
    '',
    '  CONTAINER               name or id; --all: every running container',
    '  --ignore-path PATH      ignore changes at or below PATH (repeatable, comma-separated)',
    '  --no-default-ignores    also report /tmp, /run, /dev and the files the engine writes (hosts, resolv.conf…)',
    '                          (declared volumes are always ignored: their data is meant to change)',
    ...ENGINE_USAGE,
    '  --format F --output FILE   repeatable pairs: table, json, sarif, junit, markdown, html',
    '  --severity LIST  --exit-code N  --db FILE  --scanners vuln (packages installed at run time)  --quiet',
    '',
    'Executables added or changed are HIGH, packages installed at run time HIGH (with their',
    'vulnerabilities), files under /etc MEDIUM, other files LOW.',
  ].join('\n'),
  options: {
    ...scanFlags,
    ...engineFlags,
    all: { type: 'boolean', short: 'a' },
    'ignore-path': { type: 'string', multiple: true },
    'no-default-ignores': { type: 'boolean' },
  },
  async run(ctx) {
    const policy = await loadRunPolicy(ctx);
    const o = scanOptionsFrom(ctx);
    const client = chosenEngine(ctx);
    let ids = ctx.positionals;
    if (ctx.values.all) {
      if (ids.length) throw usageError('give container names or --all, not both', 'coastguard drift');
      ids = (await client.listContainers()).map((c) => c.Id);
    } else if (!ids.length) throw usageError('give a container name or id, or --all', 'coastguard drift');
    const { driftResult } = await import('../drift/index.js');
    const { result } = await driftResult(client, ids, {
      ignorePaths: commaList(ctx.values['ignore-path']),
      noDefaultIgnores: Boolean(ctx.values['no-default-ignores']),
      vulns: o.scanners.has('vuln'),
      dbPath: o.dbPath,
      cacheDir: o.cacheDir,
      ignoreUnfixed: o.ignoreUnfixed,
      explicitScanners: ctx.values.scanners !== undefined,
    });
    return finishScan(result, ctx, policy);
  },
};

import { existsSync, statSync } from 'node:fs';
import { inputError, usageError } from '../core/index.js';
import { scanRepository } from '../scan/repo-scan.js';
import { loadGitleaksConfig, loadTrivySecretConfig, type SecretScanOptions } from '../secrets/index.js';
import type { Command } from './command.js';
import { scanFlags } from './common-flags.js';
import { finishScan, loadRunPolicy } from './scan-output.js';
import { commaList } from './flag-values.js';

export const command: Command = {
  name: 'repo',
  summary: 'scan a git repository, its whole history included, for secrets',
  usage: [
    'Usage: coastguard repo PATH [flags]',
    '',
    'Scans every blob of the history once (all refs) and reports the commit and author where each',
    'secret first appeared, so secrets deleted since are still found.',
    '',
    '  --since DATE           only commits after DATE (2024-01-01, "3 months ago": what git log --since takes)',
    '  --branch REF           walk REF instead of every ref (repeatable)',
    '  --enable-rule ID       turn on an opt-in rule (aws-account-id)',
    '  --disable-rule ID      turn a rule off (our id or gitleaks/trivy alias; repeatable)',
    '  --max-file-size BYTES  skip blobs larger than this (default 10485760)',
    '  --skip-test-paths      leave out test fixtures (test/, testdata/, fixtures/, *_test.go …)',
    '  --secret-config FILE   custom rules and allow-lists in Trivy\'s trivy-secret.yaml format',
    '  --gitleaks-config FILE custom rules and allow-lists in gitleaks\' .gitleaks.toml format',
    '  plus the shared scan flags: --format --output --severity --exit-code --config --quiet …',
  ].join('\n'),
  options: {
    ...scanFlags,
    since: { type: 'string' },
    branch: { type: 'string', multiple: true },
    'enable-rule': { type: 'string', multiple: true },
    'disable-rule': { type: 'string', multiple: true },
    'max-file-size': { type: 'string' },
    'skip-test-paths': { type: 'boolean' },
    'secret-config': { type: 'string' },
    'gitleaks-config': { type: 'string' },
  },
  async run(ctx) {
    const policy = await loadRunPolicy(ctx);
    const path = ctx.positionals[0];
    if (!path) throw usageError('give the path of a git repository', 'coastguard repo');
    if (ctx.positionals.length > 1) throw usageError(`one repository at a time (got ${ctx.positionals.length})`, 'coastguard repo');
    if (!existsSync(path) || !statSync(path).isDirectory()) throw inputError('not a directory', path);
    const v = ctx.values;
    let maxFileSize: number | undefined;
    if (v['max-file-size'] !== undefined) {
      const s = String(v['max-file-size']);
      if (!/^\d+$/.test(s)) throw usageError(`--max-file-size must be a number of bytes, not "${s}"`, '--max-file-size');
      maxFileSize = Number(s);
    }
    const since = v.since as string | undefined;
    if (since !== undefined && !since.trim()) throw usageError('--since needs a date', '--since');
    if (v['secret-config'] && v['gitleaks-config']) throw usageError('give --secret-config or --gitleaks-config, not both', 'coastguard repo');
    const custom: SecretScanOptions = v['secret-config']
      ? loadTrivySecretConfig(String(v['secret-config']))
      : v['gitleaks-config']
        ? loadGitleaksConfig(String(v['gitleaks-config']))
        : {};
    const r = await scanRepository(path, {
      ...custom,
      since,
      refs: commaList(v.branch),
      enableRules: commaList(v['enable-rule']),
      disableRules: [...(custom.disableRules ?? []), ...commaList(v['disable-rule'])],
      maxFileSize,
      skipTestPaths: v['skip-test-paths'] === true,
    });
    if (!v.quiet) ctx.stderr.write(`coastguard: ${r.blobs} blobs in history, ${r.scanned} scanned, ${r.result.findings.length} secrets\n`);
    return finishScan(r.result, ctx, policy);
  },
};

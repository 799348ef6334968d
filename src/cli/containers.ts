import { writeFileSync } from 'node:fs';
import { ExitCode, inputError, usageError } from '../core/errors.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import type { Command } from './command.js';
import { chosenEngine, ENGINE_USAGE, engineFlags } from './engine-flags.js';
import { commaList } from './flag-values.js';
import { scanOptionsFrom } from './scan-options.js';

export const command: Command = {
  name: 'containers',
  summary: 'running containers with image, digest, start time, drift and finding counts',
  usage: [
    'Usage: coastguard containers [flags]',
    '',
    '  -f, --format table|json  -o, --output FILE',
    '  --skip-image-scan        do not scan the containers\' images (drift only)',
    '  --scanners LIST          scanners for the image scans (default: all)  --db FILE  --cache-dir DIR',
    '  --severity LIST --exit-code N   exit N when any container has a drift or image finding of these severities',
    '  --server URL --token T   upload each image\'s scan result to a coastguard server',
    ...ENGINE_USAGE,
  ].join('\n'),
  options: {
    ...engineFlags,
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    'skip-image-scan': { type: 'boolean' },
    scanners: { type: 'string' },
    db: { type: 'string' },
    'cache-dir': { type: 'string' },
    'no-cache': { type: 'boolean' },
    severity: { type: 'string', short: 's' },
    'exit-code': { type: 'string' },
    server: { type: 'string' },
    token: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  },
  async run(ctx) {
    const fmt = (ctx.values.format as string | undefined) ?? 'table';
    if (fmt !== 'table' && fmt !== 'json') throw usageError(`--format must be table or json, not "${fmt}"`, 'coastguard containers');
    let exitCode: number | undefined;
    if (ctx.values['exit-code'] !== undefined) {
      exitCode = Number(ctx.values['exit-code']);
      if (!Number.isInteger(exitCode) || exitCode < 0 || exitCode > 255) throw usageError('--exit-code must be an integer 0-255', 'coastguard containers');
    }
    const sevs = commaList(ctx.values.severity).map((s) => s.toUpperCase());
    for (const s of sevs) if (!(SEVERITIES as readonly string[]).includes(s)) throw usageError(`--severity: unknown severity "${s}"`, 'coastguard containers');
    const server = (ctx.values.server as string | undefined) ?? process.env.COASTGUARD_SERVER;
    const token = (ctx.values.token as string | undefined) ?? process.env.COASTGUARD_TOKEN;
    if (server && !token) throw usageError('--server needs --token TOKEN (or COASTGUARD_TOKEN)', '--token');
    const o = scanOptionsFrom(ctx);
    const client = chosenEngine(ctx);
    const { containersOverview, overviewTable } = await import('../drift/overview.js');
    const common = { dbPath: o.dbPath, cacheDir: o.cacheDir, ignoreUnfixed: o.ignoreUnfixed, explicitScanners: ctx.values.scanners !== undefined };
    const ov = await containersOverview(client, {
      drift: { ...common, vulns: o.scanners.has('vuln') },
      imageScan: ctx.values['skip-image-scan'] ? undefined : { ...common, scanners: o.scanners, onProgress: o.progress },
      onProgress: o.progress,
    });
    if (!o.quiet) o.progress('');
    if (!o.quiet) for (const w of ov.warnings.slice(0, 20)) ctx.stderr.write(`coastguard: warning: ${w.what}${w.where ? `: ${w.where}` : ''}\n`);
    const text = fmt === 'json' ? JSON.stringify({ containers: ov.containers }, null, 2) + '\n' : overviewTable(ov);
    if (ctx.values.output) {
      try {
        writeFileSync(String(ctx.values.output), text);
      } catch (e) {
        throw inputError(`cannot write output (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, String(ctx.values.output));
      }
    } else ctx.stdout.write(text);
    if (server && token) {
      const { uploadScan } = await import('../server/upload.js');
      for (const r of ov.imageResults) {
        const u = await uploadScan(r, server, token);
        if (!o.quiet) ctx.stderr.write(`coastguard: uploaded ${r.artifact.name} to ${server} (${u.digest}: ${u.new} new, ${u.resolved} resolved findings)\n`);
      }
    }
    if (exitCode === undefined) return ExitCode.OK;
    const wanted = new Set<Severity>((sevs.length ? sevs : SEVERITIES) as Severity[]);
    const hit = ov.containers.some((c) => [c.driftFindings, c.imageFindings].some((counts) => counts && [...wanted].some((s) => counts[s] > 0)));
    return hit ? exitCode : ExitCode.OK;
  },
};

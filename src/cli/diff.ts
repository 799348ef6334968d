import { parseSeverityList, usageError, type Severity } from '../core/index.js';
import { diffScans, formatDiffTable, scanTarget } from '../remediate/index.js';
import { writeFileAtomic } from '../report/index.js';
import type { Command } from './command.js';
import { scanFlags } from './common-flags.js';
import { credentialsFrom, registryFlags } from './registry-flags.js';
import { scanOptionsFrom } from './scan-options.js';

const FORMATS = ['table', 'json'];

export const command: Command = {
  name: 'diff',
  summary: 'what changed between two images: packages, vulnerabilities, layers and size',
  usage: [
    'Usage: coastguard diff OLD NEW [flags]',
    '',
    '  OLD, NEW             each a docker-archive or OCI archive tar, an OCI layout directory, a registry reference,',
    '                       or sha256:DIGEST: that image\'s last scan stored on --server URL --token T',
    '  --format table|json  --output FILE',
    '  --scanners LIST      default: vuln (findings are compared by id and package)',
    '  --severity LIST      compare only findings of these severities',
    '  --exit-code N        exit with N when NEW introduces findings',
    '  --db FILE  --ignore-unfixed  --platform OS/ARCH  --cache-dir DIR  --no-cache  --quiet',
  ].join('\n'),
  options: { ...scanFlags, ...registryFlags },
  async run(ctx) {
    if (ctx.positionals.length !== 2) throw usageError('give two images: OLD NEW', 'coastguard diff');
    const format = (ctx.values.format as string[] | undefined)?.at(-1) ?? 'table';
    if (!FORMATS.includes(format)) throw usageError(`unknown format "${format}" (one of ${FORMATS.join(', ')})`, '--format');
    let severities: Severity[] | undefined;
    if (typeof ctx.values.severity === 'string') {
      try {
        severities = parseSeverityList(ctx.values.severity);
      } catch (e) {
        throw usageError((e as Error).message, '--severity');
      }
    }
    const exitFlag = ctx.values['exit-code'];
    if (exitFlag !== undefined && (!/^\d{1,3}$/.test(String(exitFlag)) || Number(exitFlag) > 255)) throw usageError(`--exit-code must be a number from 0 to 255, not "${exitFlag}"`, '--exit-code');
    if (ctx.values.scanners === undefined) ctx.values.scanners = 'vuln';
    const o = scanOptionsFrom(ctx);
    const url = (ctx.values.server as string | undefined) ?? process.env.COASTGUARD_SERVER;
    const token = (ctx.values.token as string | undefined) ?? process.env.COASTGUARD_TOKEN;
    if (url && !token) throw usageError('--server needs --token TOKEN (or COASTGUARD_TOKEN)', '--token');
    const server = url && token ? { url, token } : undefined;
    const opts = { ...o, explicitScanners: false, insecure: Boolean(ctx.values.insecure), credentials: credentialsFrom(ctx), server };
    const [oldScan, newScan] = [await scanTarget(ctx.positionals[0], opts), await scanTarget(ctx.positionals[1], opts)];
    if (!o.quiet) {
      const seen = new Set<string>();
      for (const w of [...(oldScan.warnings ?? []), ...(newScan.warnings ?? [])]) {
        const line = `coastguard: warning: ${w.what}${w.where ? `: ${w.where}` : ''}\n`;
        if (!seen.has(line)) ctx.stderr.write(line);
        seen.add(line);
      }
    }
    if (severities) {
      const keep = new Set(severities);
      for (const s of [oldScan, newScan]) s.findings = s.findings.filter((f) => keep.has(f.severity));
    }
    const d = diffScans(oldScan, newScan);
    const text = format === 'json' ? JSON.stringify(d, null, 2) + '\n' : formatDiffTable(d);
    const file = (ctx.values.output as string[] | undefined)?.at(-1);
    if (file && file !== '-') await writeFileAtomic(file, text);
    else ctx.stdout.write(text);
    return exitFlag !== undefined && d.findings.introduced.length > 0 ? Number(exitFlag) : 0;
  },
};

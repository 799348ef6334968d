import { existsSync } from 'node:fs';
import { TOOL_VERSION } from '../core/version.js';
import type { Command } from './command.js';

const DAY = 86_400_000;

/** "3 days ago", "5 hours ago": how old the DB is, at a glance. */
function age(builtAt: string, now: Date): string {
  const ms = now.getTime() - Date.parse(builtAt);
  if (!Number.isFinite(ms)) return 'unknown age';
  if (ms < 0) return 'built in the future: check the clock';
  const days = Math.floor(ms / DAY);
  if (days >= 1) return `${days} day${days === 1 ? '' : 's'} ago`;
  const hours = Math.floor(ms / 3_600_000);
  return hours >= 1 ? `${hours} hour${hours === 1 ? '' : 's'} ago` : 'less than an hour ago';
}

export const command: Command = {
  name: 'version',
  summary: 'show the version and the vulnerability DB scans would use (path, build date, age)',
  usage: 'Usage: coastguard version [--db FILE] [--cache-dir DIR]   (also: coastguard --version)',
  options: { db: { type: 'string' }, 'cache-dir': { type: 'string' } },
  async run(ctx) {
    const { defaultDbPath, openVulnDb } = await import('../vulndb/index.js');
    const path = (ctx.values.db as string | undefined) ?? defaultDbPath(ctx.values['cache-dir'] as string | undefined);
    const lines = [`coastguard ${TOOL_VERSION}`];
    if (!existsSync(path)) {
      lines.push(`vulnerability DB: none at ${path} (run 'coastguard db update')`);
    } else {
      try {
        const db = openVulnDb(path);
        try {
          const i = db.info();
          lines.push(`vulnerability DB: ${path}`, `  built:  ${i.builtAt} (${age(i.builtAt, new Date())})`, `  schema: ${i.schemaVersion}, ${i.vulns} vulnerabilities from ${i.sources.length} source${i.sources.length === 1 ? '' : 's'}`);
        } finally {
          db.close();
        }
      } catch (e) {
        lines.push(`vulnerability DB: ${path}: unusable (${(e as Error).message})`);
      }
    }
    ctx.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};

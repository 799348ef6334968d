import { existsSync, lstatSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isOurTemp } from '../core/temp-files.js';
import type { Command } from './command.js';
import { cacheDirFrom } from './scan-options.js';

/**
 * What Coastguard writes under each cache folder, by name: `cache clean` deletes these and nothing
 * else (a `--cache-dir` pointed at the wrong folder must not empty it). Symlinks are never followed.
 */
const OURS: Record<string, (rel: string, dir: boolean) => boolean> = {
  blobs: (rel, dir) => (dir ? rel === 'sha256' : /^sha256\/[a-f0-9]{64}(\.partial)?$/.test(rel)),
  analysis: (rel, dir) => (dir ? /^[a-f0-9]{2}$/.test(rel) : /^[a-f0-9]{2}\/([a-f0-9]{64}\.json|.*\.coastguard-\d+-[0-9a-f]{12}\.tmp)$/.test(rel)),
  tmp: (rel) => /^cg-archive-[^/]+$/.test(rel),
  db: (rel, dir) => !dir && (/^coastguard\.db(-journal|-wal|-shm)?$/.test(rel) || isOurTemp(rel)),
};

function clean(root: string, part: string): { removed: number; kept: number } {
  const ours = OURS[part];
  let removed = 0;
  let kept = 0;
  const visit = (rel: string) => {
    const abs = rel ? join(root, part, rel) : join(root, part);
    for (const name of readdirSync(abs)) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(abs, name));
      if (st.isDirectory() && ours(r, true)) {
        if (part === 'tmp') {
          rmSync(join(abs, name), { recursive: true, force: true }); // an unpacked archive of ours
          removed++;
        } else visit(r);
      } else if (st.isFile() && ours(r, false)) {
        rmSync(join(abs, name));
        removed++;
      } else kept++;
    }
    if (readdirSync(abs).length === 0) rmdirSync(abs);
  };
  visit('');
  return { removed, kept };
}

const cleanCommand: Command = {
  name: 'clean',
  summary: 'remove cached layers, blobs and analysis results',
  usage: 'Usage: coastguard cache clean [--cache-dir DIR] [--keep-db]',
  options: { 'cache-dir': { type: 'string' }, 'keep-db': { type: 'boolean' } },
  async run(ctx) {
    const dir = cacheDirFrom(ctx.values['cache-dir'] as string | undefined);
    const parts = ['blobs', 'analysis', 'tmp', ...(ctx.values['keep-db'] ? [] : ['db'])];
    let kept = 0;
    for (const p of parts) {
      const st = existsSync(join(dir, p)) ? lstatSync(join(dir, p)) : undefined;
      if (!st?.isDirectory()) continue; // absent, or a link/file we did not make
      kept += clean(dir, p).kept;
    }
    ctx.stdout.write(`cleaned ${parts.join(', ')} in ${dir}\n`);
    if (kept) ctx.stderr.write(`coastguard: warning: left ${kept} entries Coastguard did not make: ${dir}\n`);
    return 0;
  },
};

export const command: Command = { name: 'cache', summary: 'manage the local cache', usage: 'Usage: coastguard cache clean', options: {}, subcommands: [cleanCommand] };

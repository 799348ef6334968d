import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from './command.js';
import { cacheDirFrom } from './scan-options.js';

const clean: Command = {
  name: 'clean',
  summary: 'remove cached layers, blobs and analysis results',
  usage: 'Usage: coastguard cache clean [--cache-dir DIR] [--keep-db]',
  options: { 'cache-dir': { type: 'string' }, 'keep-db': { type: 'boolean' } },
  async run(ctx) {
    const dir = cacheDirFrom(ctx.values['cache-dir'] as string | undefined);
    const parts = ['blobs', 'analysis', 'tmp', ...(ctx.values['keep-db'] ? [] : ['db'])];
    for (const p of parts) if (existsSync(join(dir, p))) rmSync(join(dir, p), { recursive: true, force: true });
    ctx.stdout.write(`cleaned ${parts.join(', ')} in ${dir}\n`);
    return 0;
  },
};

export const command: Command = { name: 'cache', summary: 'manage the local cache', usage: 'Usage: coastguard cache clean', options: {}, subcommands: [clean] };

import type { Command } from './command.js';
import { scanFlags } from './common-flags.js';

export const command: Command = {
  name: 'image',
  summary: 'scan a container image (docker-archive tar, OCI layout/archive, or registry reference)',
  usage: 'Usage: coastguard image [REF] [--input FILE|DIR] [--image NAME:TAG] [flags]',
  options: { ...scanFlags, input: { type: 'string', short: 'i' }, image: { type: 'string' } },
  async run() {
    throw new Error('not implemented yet');
  },
};

import type { Command } from './command.js';
import { scanFlags } from './common-flags.js';

export const command: Command = {
  name: 'fs',
  summary: 'scan a directory or unpacked root filesystem',
  usage: 'Usage: coastguard fs DIR [flags]',
  options: { ...scanFlags },
  async run() {
    throw new Error('not implemented yet');
  },
};

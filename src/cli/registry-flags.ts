import { readFileSync } from 'node:fs';
import type { Credentials } from '../source/registry/credentials.js';
import type { CommandContext, OptionSpec } from './command.js';

/** Flags of every command that talks to a registry. */
export const registryFlags: OptionSpec = {
  username: { type: 'string', short: 'u' },
  'password-stdin': { type: 'boolean' },
  insecure: { type: 'boolean' },
  platform: { type: 'string' },
};

/** `--username U --password-stdin` as `docker login` takes them (the password never on the command line). */
export function credentialsFrom(ctx: CommandContext): Credentials | undefined {
  const username = ctx.values.username as string | undefined;
  if (!username) return undefined;
  const password = ctx.values['password-stdin'] ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : process.env.COASTGUARD_PASSWORD ?? '';
  return { username, password };
}

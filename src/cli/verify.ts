import { ExitCode, usageError } from '../core/errors.js';
import { loadPublicKey, verifyImage } from '../source/registry/cosign.js';
import { hostPlatform, parsePlatform } from '../source/platform.js';
import type { Command } from './command.js';
import { credentialsFrom, registryFlags } from './registry-flags.js';

export const command: Command = {
  name: 'verify',
  summary: 'check cosign signatures of an image in a registry against public keys',
  usage: 'Usage: coastguard verify REF --key cosign.pub [--key other.pub] [--format json] [--username U --password-stdin] [--insecure]\n\nExit 0 when a signature verifies, 8 when none does.',
  options: { ...registryFlags, key: { type: 'string', short: 'k', multiple: true }, format: { type: 'string', short: 'f' } },
  async run(ctx) {
    const ref = ctx.positionals[0];
    const keyFiles = (ctx.values.key as string[] | undefined) ?? [];
    if (!ref) throw usageError('give an image reference', 'coastguard verify');
    if (keyFiles.length === 0) throw usageError('give at least one --key FILE', 'coastguard verify');
    const keys = keyFiles.map(loadPublicKey);
    const platform = ctx.values.platform ? parsePlatform(String(ctx.values.platform)) : hostPlatform();
    const r = await verifyImage(ref, keys, { platform, insecure: Boolean(ctx.values.insecure), credentials: credentialsFrom(ctx) });
    if (ctx.values.format === 'json') ctx.stdout.write(JSON.stringify(r, null, 2) + '\n');
    else if (r.verified.length) ctx.stdout.write(`${ref}: signature verified (${r.digest}, ${r.verified.map((v) => `${v.via} with ${keyFiles[v.keyIndex]}`).join('; ')})\n`);
    else ctx.stdout.write(`${ref}: no valid signature for ${r.digest}\n${r.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return r.verified.length ? ExitCode.OK : ExitCode.SIGNATURE;
  },
};

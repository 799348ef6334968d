import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inputError, usageError } from '../core/errors.js';
import { kindOf, pinFiles } from '../pin/index.js';
import { resolveRemote } from '../source/registry/pull.js';
import { hostPlatform, parsePlatform } from '../source/platform.js';
import type { Command } from './command.js';
import { credentialsFrom, registryFlags } from './registry-flags.js';

function expand(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    if (!existsSync(p)) throw inputError('no such file or directory', p);
    if (statSync(p).isDirectory()) {
      for (const n of readdirSync(p).sort()) if (n !== '.git' && n !== 'node_modules') walk(join(p, n));
    } else if (kindOf(p)) out.push(p);
  };
  paths.forEach(walk);
  return out;
}

export const command: Command = {
  name: 'pin',
  summary: 'pin image references in Dockerfiles, Kubernetes manifests and compose files to digests',
  usage: 'Usage: coastguard pin PATH… [--update] [--dry-run] [--username U --password-stdin] [--insecure]\n\nRewrites `image:tag` to `image:tag@sha256:…` (the index digest), changing nothing else.\n--update also moves already pinned `image:tag@sha256:…` to the digest the tag points to now.',
  options: { ...registryFlags, 'dry-run': { type: 'boolean' }, update: { type: 'boolean' } },
  async run(ctx) {
    if (ctx.positionals.length === 0) throw usageError('give files or directories to pin', 'coastguard pin');
    const files = expand(ctx.positionals);
    const platform = ctx.values.platform ? parsePlatform(String(ctx.values.platform)) : hostPlatform();
    const credentials = credentialsFrom(ctx);
    const report = await pinFiles(files, async (ref) => (await resolveRemote(ref, { platform, insecure: Boolean(ctx.values.insecure), credentials })).topDigest, { dryRun: Boolean(ctx.values['dry-run']), update: Boolean(ctx.values.update) });
    for (const c of report.changes) ctx.stdout.write(`${c.file}:${c.line}: ${c.from} -> ${c.to}\n`);
    for (const s of report.skipped) ctx.stderr.write(`coastguard: could not pin ${s.ref} (${s.reason}): ${s.file}:${s.line}\n`);
    return report.skipped.length ? 1 : 0;
  },
};

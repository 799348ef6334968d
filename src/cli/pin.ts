import { existsSync, statSync } from 'node:fs';
import { skipMatcher, type SkipMatcher } from '../source/skip.js';
import { walkTree } from '../source/walk-tree.js';
import { commaList } from './flag-values.js';
import { inputError, usageError } from '../core/errors.js';
import { kindOf, pinFiles } from '../pin/index.js';
import { resolveRemote } from '../source/registry/pull.js';
import { hostPlatform, parsePlatform } from '../source/platform.js';
import type { Command } from './command.js';
import { credentialsFrom, registryFlags } from './registry-flags.js';

/** Files named, and in directories the Dockerfiles and YAML files the one walker finds. */
async function expand(paths: string[], skip: SkipMatcher): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw inputError('no such file or directory', p);
    if (!statSync(p).isDirectory()) {
      if (kindOf(p)) out.push(p);
      continue;
    }
    for await (const e of walkTree(p, { skip, skipNames: ['node_modules'] })) if (e.type === 'file' && kindOf(e.rel)) out.push(e.abs);
  }
  return out;
}

export const command: Command = {
  name: 'pin',
  summary: 'pin image references in Dockerfiles, Kubernetes manifests and compose files to digests',
  usage: 'Usage: coastguard pin PATH… [--update] [--dry-run] [--username U --password-stdin] [--insecure]\n\nRewrites `image:tag` to `image:tag@sha256:…` (the index digest), changing nothing else.\n--update also moves already pinned `image:tag@sha256:…` to the digest the tag points to now.',
  options: { ...registryFlags, 'dry-run': { type: 'boolean' }, update: { type: 'boolean' }, 'skip-dirs': { type: 'string', multiple: true }, 'skip-files': { type: 'string', multiple: true } },
  async run(ctx) {
    if (ctx.positionals.length === 0) throw usageError('give files or directories to pin', 'coastguard pin');
    const files = await expand(ctx.positionals, skipMatcher(commaList(ctx.values['skip-dirs']), commaList(ctx.values['skip-files'])));
    const platform = ctx.values.platform ? parsePlatform(String(ctx.values.platform)) : hostPlatform();
    const credentials = credentialsFrom(ctx);
    const report = await pinFiles(files, async (ref) => (await resolveRemote(ref, { platform, insecure: Boolean(ctx.values.insecure), credentials })).topDigest, { dryRun: Boolean(ctx.values['dry-run']), update: Boolean(ctx.values.update) });
    for (const c of report.changes) ctx.stdout.write(`${c.file}:${c.line}: ${c.from} -> ${c.to}\n`);
    for (const s of report.skipped) ctx.stderr.write(`coastguard: could not pin ${s.ref} (${s.reason}): ${s.file}:${s.line}\n`);
    return report.skipped.length ? 1 : 0;
  },
};

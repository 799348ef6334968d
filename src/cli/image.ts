import { usageError } from '../core/errors.js';
import { openImageInput } from '../source/open-input.js';
import { scanImage } from '../scan/image-scan.js';
import { addRegistryChecks } from '../scan/registry-checks.js';
import type { Command } from './command.js';
import { scanFlags } from './common-flags.js';
import { scanOptionsFrom } from './scan-options.js';
import { credentialsFrom, registryFlags } from './registry-flags.js';
import { finishScan, loadRunPolicy } from './scan-output.js';
import { join } from 'node:path';
import { imageSources, scanFromEngines } from './image-src.js';

export const command: Command = {
  name: 'image',
  summary: 'scan a container image (docker-archive tar, OCI layout/archive, or registry reference)',
  usage: [
    'Usage: coastguard image [REF] [--input FILE|DIR] [--image NAME:TAG] [flags]',
    '',
    '  --input FILE|DIR     docker save tar (optionally gzip/zstd), OCI archive tar, or OCI layout directory',
    '  --image NAME:TAG     the image to pick when the input holds several',
    '  --image-src LIST     where REF is looked up, in order: docker,podman,remote (default; Trivy\'s order)',
    '  --docker-host URL  --podman-host URL   engine API addresses (default DOCKER_HOST / CONTAINER_HOST, then the default sockets)',
    '  --platform OS/ARCH   platform to pick from a multi-platform index (default: this host)',
    '  --scanners LIST      vuln,secret,misconfig,license (default: all)',
    '  --format F --output FILE   repeatable pairs: table, json, sarif, cyclonedx, spdx-json, junit, markdown, html',
    '  --severity LIST  --exit-code N  --ignore-unfixed  --vex FILE  --config FILE  --db FILE',
    '  --check-base         ask the registry whether the base image has a newer build (rebuild needed), and which',
    '                       newer tag of the same flavour fixes most (--base REPO: where to look when the image',
    '                       does not record its base; --base-major: offer other major releases too)',
    '  --cache-dir DIR  --no-cache  --quiet  --debug',
  ].join('\n'),
  options: { ...scanFlags, ...registryFlags, input: { type: 'string', short: 'i' }, image: { type: 'string' }, 'secret-config': { type: 'string' }, 'check-base': { type: 'boolean' }, base: { type: 'string' }, 'base-major': { type: 'boolean' }, 'image-src': { type: 'string' }, 'docker-host': { type: 'string' }, 'podman-host': { type: 'string' } },
  async run(ctx) {
    // Policy first: nothing is scanned under a policy that failed to load.
    const policy = await loadRunPolicy(ctx);
    const o = scanOptionsFrom(ctx);
    const input = ctx.values.input as string | undefined;
    const ref = ctx.positionals[0];
    if (!input && !ref) throw usageError('give an image reference or --input FILE|DIR', 'coastguard image');
    const scanOpts = { ...o, explicitScanners: ctx.values.scanners !== undefined, onProgress: o.progress };
    let img;
    let result;
    let fromEngine = false;
    if (input) {
      img = await openImageInput(input, { image: (ctx.values.image as string | undefined) ?? ref, platform: o.platform, tmpDir: join(o.cacheDir, 'tmp') });
    } else {
      const local = await scanFromEngines(ctx, ref!, imageSources(ctx.values['image-src'] as string | undefined), scanOpts);
      if (local) ({ img, result } = local), (fromEngine = true);
      else {
        const { pullImage } = await import('../source/registry/index.js');
        img = await pullImage(ref!, { platform: o.platform, cacheDir: o.cacheDir, insecure: Boolean(ctx.values.insecure), credentials: credentialsFrom(ctx), progress: o.progress });
      }
    }
    result ??= await scanImage(img, scanOpts);
    const checkBase = Boolean(ctx.values['check-base']);
    await addRegistryChecks(result, img, {
      policy: policy.policy, ref: input || fromEngine ? undefined : ref, checkBase,
      platform: o.platform, insecure: Boolean(ctx.values.insecure), credentials: credentialsFrom(ctx),
    });
    if (checkBase) {
      const { baseAdviceFor } = await import('./base-advice.js');
      await baseAdviceFor(ctx, img, result, scanOpts);
    }
    if (!o.quiet) o.progress('');
    return finishScan(result, ctx, policy);
  },
};

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { commandsOf, isSub, cacheTargets, stageUsed } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-033', slug: 'apt-lists', type: 'dockerfile', severity: 'LOW',
  title: 'apt lists not deleted after apt-get install',
  why: '/var/lib/apt/lists stays in the layer: tens of MB and stale package indexes.',
  fix: 'Remove them in the same RUN: `RUN apt-get update && apt-get install -y --no-install-recommends pkg=1.2 && rm -rf /var/lib/apt/lists/*`, or use BuildKit cache mounts for /var/lib/apt/lists.',
  references: ['https://docs.docker.com/develop/develop-images/dockerfile_best-practices/#apt-get'],
  aliases: ['DL3009', 'DKL-DI-0005'],
  check(ctx) {
    // Only stages that end up in an image matter: the last one, and any stage a later FROM builds on.
    const out = [];
    for (const i of ctx.instructions) {
      if (i.keyword !== 'RUN' || !stageUsed(ctx, i.stage)) continue;
      const targets = cacheTargets(i);
      if (targets.includes('/var/lib/apt/lists') || (targets.includes('/var/lib/apt') && targets.includes('/var/cache/apt'))) continue;
      if (!commandsOf(i).some((c) => isSub(c, ['apt-get'], ['install']))) continue;
      if (/rm\s+(-\w+\s+)*(\S*\/)?var\/lib\/apt\/lists/.test(i.script ?? '')) continue;
      out.push({ message: 'apt-get install without rm -rf /var/lib/apt/lists/* in the same RUN', line: i.line, endLine: i.endLine });
    }
    return out;
  },
});

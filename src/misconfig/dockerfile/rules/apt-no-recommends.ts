import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { perRun, isSub, hasFlag } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-029', slug: 'apt-no-recommends', type: 'dockerfile', severity: 'LOW',
  title: "'apt-get install' without '--no-install-recommends'",
  why: 'Recommended packages are not needed to run; they add size and attack surface.',
  fix: 'Use `apt-get install -y --no-install-recommends pkg=1.2`.',
  references: ['https://docs.docker.com/develop/develop-images/dockerfile_best-practices/#apt-get'],
  aliases: ['DL3015', 'AVD-DS-0029'],
  check: (ctx) => perRun(ctx, (cs, i) => !/APT::Install-Recommends\s*=?\s*["']?(false|0)/i.test(i.script ?? '') &&
    cs.some((c) => isSub(c, ['apt-get'], ['install']) && !hasFlag(c, ['no-install-recommends'])) && "'apt-get install' without --no-install-recommends"),
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { perRun, prog } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-015', slug: 'run-cd', type: 'dockerfile', severity: 'LOW',
  title: "RUN cd … instead of WORKDIR",
  why: 'A cd lasts one RUN; later instructions run elsewhere than readers assume. WORKDIR states it once.',
  fix: 'Use `WORKDIR /app` then `RUN make`.',
  references: ['https://docs.docker.com/develop/develop-images/dockerfile_best-practices/#workdir'],
  aliases: ['DL3003', 'AVD-DS-0013'],
  check: (ctx) => perRun(ctx, (cmds) => cmds.some((c) => prog(c) === 'cd' && c.words.length > 1) && 'RUN changes directory with cd; use WORKDIR'),
});

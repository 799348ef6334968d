import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-011', slug: 'workdir-relative', type: 'dockerfile', severity: 'LOW',
  title: 'WORKDIR path is not absolute',
  why: 'A relative WORKDIR depends on the previous one and is easy to get wrong.',
  fix: 'Use an absolute path: `WORKDIR /app`.',
  references: ['https://docs.docker.com/reference/dockerfile/#workdir'],
  aliases: ['DL3000', 'AVD-DS-0009', 'CKV_DOCKER_10'],
  check(ctx) {
    return ctx.instructions
      .filter((i) => i.keyword === 'WORKDIR')
      .filter((i) => { const p = i.args.replace(/^["']|["']$/g, ''); return !/^(\/|\$|[A-Za-z]:[\\/]|\\)/.test(p); })
      .map((i) => ({ message: `WORKDIR ${i.args} is relative`, line: i.line }));
  },
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { finalChain } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-027', slug: 'no-healthcheck', type: 'dockerfile', severity: 'LOW',
  title: 'No HEALTHCHECK instruction',
  why: 'Without a health check the engine cannot tell a hung service from a healthy one.',
  fix: 'Add one: `HEALTHCHECK --interval=30s CMD curl -fsS http://localhost:8080/health || exit 1`.',
  references: ['https://docs.docker.com/reference/dockerfile/#healthcheck'],
  aliases: ['DL3057', 'AVD-DS-0026', 'CKV_DOCKER_2', 'CIS-DI-0006'],
  check(ctx) {
    const last = ctx.stages[ctx.stages.length - 1];
    // The image has a health check when the final stage or a stage it builds on declares one.
    if (!last || finalChain(ctx).some((s) => s.instructions.some((i) => i.keyword === 'HEALTHCHECK'))) return [];
    return [{ message: 'no HEALTHCHECK instruction', line: last.line }];
  },
});

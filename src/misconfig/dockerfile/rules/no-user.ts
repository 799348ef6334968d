import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-004', slug: 'no-user', type: 'dockerfile', severity: 'HIGH',
  title: 'No USER instruction: the image runs as root',
  why: 'Without USER the container runs as root unless the runtime overrides it.',
  fix: 'Create and switch to an unprivileged user: `USER 10001`.',
  references: ['https://docs.docker.com/reference/dockerfile/#user'],
  aliases: ['CKV_DOCKER_3', 'CIS-DI-0001', 'AVD-DS-0002'],
  check(ctx) {
    const last = ctx.stages[ctx.stages.length - 1];
    if (!last || last.image.toLowerCase() === 'scratch' || last.implicit) return [];
    // USER in any stage counts: a final stage built FROM an earlier stage inherits its user.
    const anyUser = ctx.instructions.some((i) => i.keyword === 'USER');
    return anyUser ? [] : [{ message: 'no USER instruction; the container runs as root', line: last.line }];
  },
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export const isRootUser = (u: string) => /^(root|0)(:.*)?$/.test(u.trim());

export default rule<DockerfileCtx>({
  id: 'CG-DF-003', slug: 'last-user-root', type: 'dockerfile', severity: 'HIGH',
  title: 'Last USER is root',
  why: 'Containers run as the last USER of the final stage; running as root turns any code execution into root in the container and widens a breakout.',
  fix: 'Switch to an unprivileged user at the end: `RUN useradd -r -u 10001 app` then `USER 10001`.',
  references: ['https://docs.docker.com/develop/develop-images/dockerfile_best-practices/#user'],
  aliases: ['DL3002', 'AVD-DS-0002', 'CKV_DOCKER_8'],
  check(ctx) {
    const last = ctx.stages[ctx.stages.length - 1];
    const users = last?.instructions.filter((i) => i.keyword === 'USER') ?? [];
    const u = users[users.length - 1];
    return u && isRootUser(u.args) ? [{ message: `last USER is ${u.args}`, line: u.line }] : [];
  },
});

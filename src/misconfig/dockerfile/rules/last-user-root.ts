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
    // hadolint's semantics: every stage whose effective user at its end is root, the user being
    // inherited from the stage a FROM builds on when the stage sets none itself.
    const endUser: ({ user: string; line: number } | undefined)[] = [];
    const out = [];
    for (const s of ctx.stages) {
      const users = s.instructions.filter((i) => i.keyword === 'USER');
      const own = users[users.length - 1];
      const parent = ctx.stages.findIndex((p) => p.index < s.index && p.name !== undefined && p.name === s.image.toLowerCase());
      const eff = own ? { user: own.args, line: own.line } : parent >= 0 ? endUser[parent] : undefined;
      endUser.push(eff);
      if (eff && isRootUser(eff.user)) out.push({ message: `the ${s.index === ctx.stages.length - 1 ? 'final' : `"${s.name ?? s.index}"`} stage ends as USER ${eff.user}`, line: own ? own.line : s.line });
    }
    return out;
  },
});

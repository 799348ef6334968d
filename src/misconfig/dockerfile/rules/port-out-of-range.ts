import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { exposedPorts } from './expose-ssh.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-010', slug: 'port-out-of-range', type: 'dockerfile', severity: 'HIGH',
  title: 'EXPOSE of a port outside 0-65535',
  why: 'A port number outside the UNIX range is a typo that makes the image metadata wrong.',
  fix: 'Use a valid port: `EXPOSE 8080`.',
  references: ['https://docs.docker.com/reference/dockerfile/#expose'],
  aliases: ['DL3011', 'AVD-DS-0008'],
  check(ctx) {
    return ctx.instructions.filter((i) => i.keyword === 'EXPOSE').flatMap((i) =>
      exposedPorts(i.args)
        .filter((p) => !p.port.includes('$') && p.port.split('-').some((n) => /^\d+$/.test(n) && Number(n) > 65535))
        .map((p) => ({ message: `EXPOSE ${p.port} is out of range`, line: i.line })));
  },
});

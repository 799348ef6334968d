import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-041', slug: 'json-cmd', type: 'dockerfile', severity: 'LOW',
  title: 'CMD/ENTRYPOINT in shell form',
  why: 'In shell form the process runs under /bin/sh -c and does not receive SIGTERM: containers stop only after the kill timeout.',
  fix: 'Use the exec (JSON) form: `CMD ["node", "server.js"]`.',
  references: ['https://docs.docker.com/reference/dockerfile/#shell-and-exec-form'],
  aliases: ['DL3025'],
  check(ctx) {
    return ctx.instructions
      .filter((i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && !i.json && i.args !== '')
      .map((i) => ({ message: `${i.keyword} uses shell form; use JSON notation`, line: i.line }));
  },
});

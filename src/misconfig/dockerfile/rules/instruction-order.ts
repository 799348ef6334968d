import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-059', slug: 'instruction-order', type: 'dockerfile', severity: 'HIGH',
  title: 'Dockerfile does not start with FROM or ARG',
  why: 'Only ARG (and parser directives) may come before the first FROM; anything else is an error.',
  fix: 'Start with `FROM` (or global `ARG`s followed by FROM).',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3061'],
  aliases: ['DL3061'],
  check(ctx) {
    const first = ctx.instructions.find((i) => i.keyword !== 'ARG');
    return first && first.keyword !== 'FROM' ? [{ message: `${first.keyword} before the first FROM`, line: first.line }] : [];
  },
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-051', slug: 'onbuild-forbidden', type: 'dockerfile', severity: 'HIGH',
  title: 'ONBUILD with ONBUILD, FROM or MAINTAINER',
  why: 'These triggers are not allowed and make downstream builds fail.',
  fix: 'Remove the nested trigger.',
  references: ['https://docs.docker.com/reference/dockerfile/#onbuild'],
  aliases: ['DL3043'],
  check(ctx) {
    return ctx.instructions
      .filter((i) => i.keyword === 'ONBUILD' && /^(ONBUILD|FROM|MAINTAINER)\b/i.test(i.args))
      .map((i) => ({ message: `ONBUILD ${i.args.split(/\s+/)[0].toUpperCase()} is not allowed`, line: i.line }));
  },
});

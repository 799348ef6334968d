import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { perInstruction } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-023', slug: 'maintainer', type: 'dockerfile', severity: 'LOW',
  title: 'MAINTAINER is deprecated',
  why: 'MAINTAINER is deprecated; tools read the OCI label instead.',
  fix: 'Use `LABEL org.opencontainers.image.authors="team@example.com"`.',
  references: ['https://docs.docker.com/reference/dockerfile/#maintainer-deprecated'],
  aliases: ['DL4000', 'AVD-DS-0022', 'CKV_DOCKER_6'],
  check: (ctx) => perInstruction(ctx, 'MAINTAINER', () => 'MAINTAINER is deprecated; use a LABEL'),
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { perRun, prog } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-061', slug: 'shell-symlink', type: 'dockerfile', severity: 'MEDIUM',
  title: 'Default shell changed by relinking /bin/sh',
  why: 'Relinking /bin/sh changes it for every program in the image; SHELL changes it for the build only.',
  fix: 'Use `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL4005'],
  aliases: ['DL4005'],
  check: (ctx) => perRun(ctx, (cs) => cs.some((c) => prog(c) === 'ln' && c.words.includes('/bin/sh')) && 'RUN relinks /bin/sh; use SHELL'),
});

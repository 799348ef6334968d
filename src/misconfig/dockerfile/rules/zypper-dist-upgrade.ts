import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { perRun, isSub } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-047', slug: 'zypper-dist-upgrade', type: 'dockerfile', severity: 'MEDIUM',
  title: "'zypper dist-upgrade' in a build",
  why: 'A distribution upgrade inside a build changes the base image under you; use a newer base image instead.',
  fix: 'Bump the FROM tag instead of running `zypper dup`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3035'],
  aliases: ['DL3035'],
  check: (ctx) => perRun(ctx, (cs) => cs.some((c) => isSub(c, ['zypper'], ['dist-upgrade', 'dup'])) && "'zypper dist-upgrade' in RUN"),
});

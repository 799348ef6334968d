import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { perRun, isSub } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-040', slug: 'use-apt-get', type: 'dockerfile', severity: 'LOW',
  title: "'apt' used instead of 'apt-get'",
  why: "apt's command-line interface is not stable for scripts and prints warnings in builds.",
  fix: 'Use `apt-get` (or `apt-cache`) in Dockerfiles.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3027'],
  aliases: ['DL3027', 'CKV_DOCKER_9'],
  check: (ctx) => perRun(ctx, (cs) => cs.some((c) => isSub(c, ['apt'], ['install', 'update', 'upgrade', 'remove', 'purge', 'autoremove', 'full-upgrade', 'dist-upgrade', 'search', 'show', 'list'])) && "'apt' used in RUN; use apt-get"),
});

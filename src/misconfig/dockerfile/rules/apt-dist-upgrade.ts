import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { perRun, isSub } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-025', slug: 'apt-dist-upgrade', type: 'dockerfile', severity: 'MEDIUM',
  title: "'apt-get dist-upgrade' in a build",
  why: 'A distribution upgrade inside a build may pull a new major release; bump the base image instead.',
  fix: 'Use a newer base image tag; if needed, `apt-get upgrade -y` for security updates only.',
  references: ['https://avd.aquasec.com/misconfig/ds-0024'],
  aliases: ['AVD-DS-0024', 'DKL-DI-0003', 'DL3005'],
  check: (ctx) => perRun(ctx, (cs) => cs.some((c) => isSub(c, ['apt-get', 'apt'], ['dist-upgrade', 'full-upgrade'])) && "'apt-get dist-upgrade' in RUN"),
});

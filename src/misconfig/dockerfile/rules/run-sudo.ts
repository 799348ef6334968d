import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { perRun } from '../helpers.js';
import { splitShell, prog } from '../shell.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-012', slug: 'run-sudo', type: 'dockerfile', severity: 'HIGH',
  title: 'RUN uses sudo',
  why: 'sudo in a build has unpredictable TTY and signal behaviour and suggests the image ships sudo, an easy privilege escalation.',
  fix: 'Run the step as root (`USER root`) and switch back to the app user afterwards; do not install sudo.',
  references: ['https://docs.docker.com/develop/develop-images/dockerfile_best-practices/#user'],
  aliases: ['DL3004', 'AVD-DS-0010', 'DKL-DI-0001'],
  check: (ctx) => perRun(ctx, (_c, i) => splitShell(i.script ?? '').some((c) => prog(c) === 'sudo') && 'RUN uses sudo'),
});

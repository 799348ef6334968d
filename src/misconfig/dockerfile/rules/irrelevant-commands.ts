import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { perRun, prog } from '../helpers.js';

const USELESS = ['ssh', 'vim', 'shutdown', 'service', 'ps', 'free', 'top', 'kill', 'mount', 'ifconfig'];

export default rule<DockerfileCtx>({
  id: 'CG-DF-060', slug: 'irrelevant-commands', type: 'dockerfile', severity: 'LOW',
  title: 'Command that makes no sense in a container build',
  why: 'ssh, vim, shutdown, service, ps, top, kill, mount, ifconfig do nothing useful in a build step and often hint at a VM mindset.',
  fix: 'Remove the command.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3001'],
  aliases: ['DL3001'],
  check: (ctx) => perRun(ctx, (cs) => { const c = cs.find((x) => USELESS.includes(prog(x))); return c && `'${prog(c)}' in RUN`; }),
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { duplicates } from './multiple-cmd.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-009', slug: 'multiple-entrypoint', type: 'dockerfile', severity: 'MEDIUM',
  title: 'Multiple ENTRYPOINT instructions in one stage',
  why: 'Only the last ENTRYPOINT takes effect; the others mislead readers and reviewers.',
  fix: 'Keep one ENTRYPOINT per stage.',
  references: ['https://docs.docker.com/reference/dockerfile/#entrypoint'],
  aliases: ['DL4004', 'AVD-DS-0007'],
  check: (ctx) => duplicates(ctx, 'ENTRYPOINT'),
});

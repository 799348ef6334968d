import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { duplicates } from './multiple-cmd.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-024', slug: 'multiple-healthcheck', type: 'dockerfile', severity: 'MEDIUM',
  title: 'Multiple HEALTHCHECK instructions in one stage',
  why: 'Only the last HEALTHCHECK takes effect.',
  fix: 'Keep one HEALTHCHECK per stage.',
  references: ['https://docs.docker.com/reference/dockerfile/#healthcheck'],
  aliases: ['DL3012', 'AVD-DS-0023'],
  check: (ctx) => duplicates(ctx, 'HEALTHCHECK'),
});

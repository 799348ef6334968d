import { rule } from '../../types.js';
import { perContainer, effective, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-014', slug: 'low-gid', type: 'kubernetes', severity: 'LOW',
  title: 'runAsGroup not above 10000',
  why: 'GIDs below 10000 may collide with host groups.',
  fix: 'Set `runAsGroup: 10001` (or higher).',
  references: ['https://kubesec.io/basics/containers-securitycontext-runasuser/'],
  aliases: ['AVD-KSV-0021', 'KSV021'],
  check: (ctx) => perContainer(ctx, (c, p) => {
    const g = effective(c, p, 'runAsGroup');
    return !(typeof g.value === 'number' && g.value > 10000) && { path: g.path, message: g.value === undefined ? 'does not set runAsGroup > 10000' : `runs with GID ${g.value} (not > 10000)` };
  }),
});

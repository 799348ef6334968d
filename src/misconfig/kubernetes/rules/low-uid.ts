import { rule } from '../../types.js';
import { perContainer, effective, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-013', slug: 'low-uid', type: 'kubernetes', severity: 'LOW',
  title: 'runAsUser not above 10000',
  why: 'UIDs below 10000 may collide with host users; after a breakout the process acts as that host user.',
  fix: 'Set `runAsUser: 10001` (or higher).',
  references: ['https://kubesec.io/basics/containers-securitycontext-runasuser/'],
  aliases: ['AVD-KSV-0020', 'KSV020', 'CKV_K8S_40', 'kube-score/container-security-context-user-group-id'],
  check: (ctx) => perContainer(ctx, (c, p) => {
    const u = effective(c, p, 'runAsUser');
    return !(typeof u.value === 'number' && u.value > 10000) && { path: u.path, message: u.value === undefined ? 'does not set runAsUser > 10000' : `runs as UID ${u.value} (not > 10000)` };
  }),
});

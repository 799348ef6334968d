import { rule } from '../../types.js';
import { perContainer, effective, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-012', slug: 'run-as-uid-0', type: 'kubernetes', severity: 'HIGH',
  title: 'runAsUser is 0 (root)',
  why: 'Explicitly running as UID 0 makes any compromise root in the container. Forbidden by Pod Security Standards restricted.',
  fix: 'Use a non-zero UID: `runAsUser: 10001`.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  aliases: ['AVD-KSV-0105', 'KSV105'],
  check: (ctx) => perContainer(ctx, (c, p) => { const u = effective(c, p, 'runAsUser'); return u.value === 0 && { path: u.path, message: 'sets runAsUser: 0' }; }),
});

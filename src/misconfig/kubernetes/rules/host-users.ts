import { rule } from '../../types.js';
import { perPod, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-038', slug: 'host-users', type: 'kubernetes', severity: 'LOW',
  title: 'Pod does not use a user namespace (hostUsers: false missing)',
  why: 'With hostUsers: false, root in the container maps to an unprivileged host UID: a breakout lands as nobody on the node.',
  fix: 'Set `spec.hostUsers: false` (Kubernetes 1.30+ with user namespaces enabled).',
  references: ['https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/'],
  aliases: [],
  check: (ctx) => perPod(ctx, (p) => p.spec.hostUsers !== false && !p.spec.hostNetwork && !p.spec.hostPID && !p.spec.hostIPC && { path: p.spec.hostUsers !== undefined ? [...p.specPath, 'hostUsers'] : p.specPath, message: 'does not set hostUsers: false' }),
});

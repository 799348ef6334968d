import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-100', slug: 'privilege-escalation-true', type: 'kubernetes', severity: 'HIGH',
  title: 'allowPrivilegeEscalation explicitly set to true',
  why: 'Someone turned privilege escalation on on purpose: setuid binaries and file capabilities can raise the process above its parent.',
  fix: 'Set `allowPrivilegeEscalation: false` (CG-K8S-002 also flags it when it is left unset).',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  aliases: ['kube-linter/privilege-escalation-container'],
  check: (ctx) => perContainer(ctx, (c) => c.c.securityContext?.allowPrivilegeEscalation === true && { path: [...c.path, 'securityContext', 'allowPrivilegeEscalation'], message: 'sets allowPrivilegeEscalation: true' }),
});

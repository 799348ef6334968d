import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-093', slug: 'container-security-context', type: 'kubernetes', severity: 'LOW',
  title: 'Container without a securityContext',
  why: 'Without a securityContext every hardening default (privilege escalation, capabilities, read-only root) is left to the image and runtime.',
  fix: 'Set `securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }`.',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  aliases: ['CKV_K8S_30'],
  check: (ctx) => perContainer(ctx, (c) => !c.c.securityContext && { path: c.path, message: 'has no securityContext' }, ['containers', 'initContainers']),
});

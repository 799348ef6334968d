import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-002', slug: 'privilege-escalation', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Container may gain more privileges (allowPrivilegeEscalation not false)',
  why: 'Unless allowPrivilegeEscalation is false, setuid binaries can raise a process above its parent. Required by Pod Security Standards restricted.',
  fix: 'Set `securityContext: { allowPrivilegeEscalation: false }` on every container.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  aliases: ['AVD-KSV-0001', 'KSV001', 'CKV_K8S_20', 'polaris/privilegeEscalationAllowed'],
  check: (ctx) => perContainer(ctx, (c) => c.c.securityContext?.allowPrivilegeEscalation !== false &&
    { path: c.c.securityContext?.allowPrivilegeEscalation !== undefined ? [...c.path, 'securityContext', 'allowPrivilegeEscalation'] : c.path, message: 'does not set allowPrivilegeEscalation: false' }),
});

import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-001', slug: 'privileged', type: 'kubernetes', severity: 'HIGH',
  title: 'Privileged container',
  why: 'A privileged container has every capability and all host devices: it is root on the node. Forbidden by Pod Security Standards baseline.',
  fix: 'Remove `securityContext.privileged: true`; grant the one capability needed instead.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  aliases: ['AVD-KSV-0017', 'KSV017', 'CKV_K8S_16', 'kube-linter/privileged-container', 'polaris/runAsPrivileged', 'kube-score/container-security-context-privileged'],
  check: (ctx) => perContainer(ctx, (c) => c.c.securityContext?.privileged === true && { path: [...c.path, 'securityContext', 'privileged'], message: 'is privileged' }),
});

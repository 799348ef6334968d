import { rule } from '../../types.js';
import { perPod, perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-088', slug: 'pod-security-context', type: 'kubernetes', severity: 'LOW',
  title: 'No securityContext at pod or container level',
  why: 'Without any securityContext every hardening default is left to the image and the runtime.',
  fix: 'Set `securityContext` with runAsNonRoot, seccompProfile, allowPrivilegeEscalation: false, capabilities drop ALL.',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  aliases: ['AVD-KSV-0118', 'KSV118', 'CKV_K8S_29', 'CKV_K8S_30'],
  check(ctx) {
    const pod = perPod(ctx, (p) => (!p.spec.securityContext || !Object.keys(p.spec.securityContext).length) && { path: p.specPath, message: 'pod has no securityContext' });
    const cs = perContainer(ctx, (c) => !c.c.securityContext && { path: c.path, message: 'has no securityContext' }, ['containers', 'initContainers']);
    return [...pod, ...cs];
  },
});

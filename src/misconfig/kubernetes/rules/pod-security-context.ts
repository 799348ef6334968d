import { rule } from '../../types.js';
import { perPod, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-088', slug: 'pod-security-context', type: 'kubernetes', severity: 'LOW',
  title: 'Pod without a securityContext',
  why: 'Without any securityContext every hardening default is left to the image and the runtime.',
  fix: 'Set `securityContext` with runAsNonRoot, seccompProfile, allowPrivilegeEscalation: false, capabilities drop ALL.',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  aliases: ['AVD-KSV-0118', 'KSV118', 'CKV_K8S_29'],
  check(ctx) {
    const pod = perPod(ctx, (p) => (!p.spec.securityContext || !Object.keys(p.spec.securityContext).length) && { path: p.specPath, message: 'pod has no securityContext' });
    return pod;
  },
});

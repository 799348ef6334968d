import { rule } from '../../types.js';
import { perPod, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-003', slug: 'host-network', type: 'kubernetes', severity: 'HIGH',
  title: 'Pod shares the host network namespace',
  why: 'Sharing the host network namespace lets the pod see and reach node processes and traffic. Forbidden by Pod Security Standards baseline.',
  fix: 'Remove `hostNetwork: true` from the pod spec.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  aliases: ['AVD-KSV-0009', 'KSV009', 'CKV_K8S_19', 'kube-linter/host-network', 'polaris/hostNetworkSet'],
  check: (ctx) => perPod(ctx, (p) => p.spec.hostNetwork === true && { path: [...p.specPath, 'hostNetwork'], message: 'sets hostNetwork: true' }),
});

import { rule } from '../../types.js';
import { perPod, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-004', slug: 'host-pid', type: 'kubernetes', severity: 'HIGH',
  title: 'Pod shares the host PID namespace',
  why: 'Sharing the host PID namespace lets the pod see and reach node processes and traffic. Forbidden by Pod Security Standards baseline.',
  fix: 'Remove `hostPID: true` from the pod spec.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  aliases: ['AVD-KSV-0010', 'KSV010', 'CKV_K8S_17', 'kube-linter/host-pid', 'polaris/hostPIDSet'],
  check: (ctx) => perPod(ctx, (p) => p.spec.hostPID === true && { path: [...p.specPath, 'hostPID'], message: 'sets hostPID: true' }),
});

import { rule } from '../../types.js';
import { perPod, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-005', slug: 'host-ipc', type: 'kubernetes', severity: 'HIGH',
  title: 'Pod shares the host IPC namespace',
  why: 'Sharing the host IPC namespace lets the pod see and reach node processes and traffic. Forbidden by Pod Security Standards baseline.',
  fix: 'Remove `hostIPC: true` from the pod spec.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  aliases: ['AVD-KSV-0008', 'KSV008', 'CKV_K8S_18', 'kube-linter/host-ipc', 'polaris/hostIPCSet'],
  check: (ctx) => perPod(ctx, (p) => p.spec.hostIPC === true && { path: [...p.specPath, 'hostIPC'], message: 'sets hostIPC: true' }),
});

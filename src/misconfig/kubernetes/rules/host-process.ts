import { rule } from '../../types.js';
import { perContainer, effective, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-037', slug: 'host-process', type: 'kubernetes', severity: 'HIGH',
  title: 'Windows HostProcess container',
  why: 'HostProcess containers run directly on the Windows host with host access. Forbidden by Pod Security Standards baseline.',
  fix: 'Remove `windowsOptions.hostProcess: true`.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  aliases: ['AVD-KSV-0103', 'KSV103', 'polaris/hostProcess'],
  check: (ctx) => perContainer(ctx, (c, p) => { const w = effective(c, p, 'windowsOptions'); return w.value?.hostProcess === true && { path: w.path, message: 'is a Windows HostProcess container' }; }),
});

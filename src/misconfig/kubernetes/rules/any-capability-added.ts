import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-091', slug: 'any-capability-added', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Capabilities added',
  why: 'Every added capability widens what a compromised process can do; most workloads need none.',
  fix: 'Remove `securityContext.capabilities.add`.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
  aliases: ['AVD-KSV-0022', 'KSV022', 'CKV_K8S_25'],
  check: (ctx) => perContainer(ctx, (c) => {
    const add: unknown[] = c.c.securityContext?.capabilities?.add ?? [];
    return Array.isArray(add) && add.length > 0 && { path: [...c.path, 'securityContext', 'capabilities', 'add'], message: `adds capabilities ${add.join(', ')}` };
  }, ['containers', 'initContainers']),
});

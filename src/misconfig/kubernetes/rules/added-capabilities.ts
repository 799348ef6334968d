import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-019', slug: 'added-capabilities', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Capabilities added beyond NET_BIND_SERVICE',
  why: 'Pod Security Standards restricted allows adding only NET_BIND_SERVICE; every other capability widens what an intruder can do.',
  fix: 'Remove `capabilities.add` entries other than NET_BIND_SERVICE.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  aliases: ['AVD-KSV-0106', 'KSV106'],
  check: (ctx) => perContainer(ctx, (c) => {
    const add: string[] = (c.c.securityContext?.capabilities?.add ?? []).map(String);
    const extra = add.filter((x) => x.toUpperCase().replace(/^CAP_/, '') !== 'NET_BIND_SERVICE');
    return extra.length > 0 && { path: [...c.path, 'securityContext', 'capabilities', 'add'], message: `adds capabilities ${extra.join(', ')}` };
  }, ['containers', 'initContainers']),
});

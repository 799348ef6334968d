import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-017', slug: 'drop-all-capabilities', type: 'kubernetes', severity: 'LOW',
  title: 'Capabilities not dropped (drop: [ALL] missing)',
  why: 'Containers start with a default capability set (NET_RAW, CHOWN, SETUID…); dropping all and adding back only what is needed limits damage. Required by Pod Security Standards restricted.',
  fix: 'Set `securityContext.capabilities: { drop: [ALL], add: [NET_BIND_SERVICE] }`.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  aliases: ['AVD-KSV-0003', 'KSV003', 'CKV_K8S_37'],
  check: (ctx) => perContainer(ctx, (c) => {
    const drop: string[] = (c.c.securityContext?.capabilities?.drop ?? []).map((x: string) => String(x).toUpperCase());
    return !drop.includes('ALL') && { path: c.c.securityContext?.capabilities?.drop ? [...c.path, 'securityContext', 'capabilities', 'drop'] : c.path, message: 'does not drop ALL capabilities' };
  }, ['containers', 'initContainers']),
});

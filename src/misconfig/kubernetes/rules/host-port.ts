import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-010', slug: 'host-port', type: 'kubernetes', severity: 'HIGH',
  title: 'Container binds a host port',
  why: 'hostPort bypasses Services and NetworkPolicies and ties the pod to a node. Restricted by Pod Security Standards baseline.',
  fix: 'Remove hostPort and expose the pod through a Service.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  aliases: ['AVD-KSV-0024', 'KSV024', 'CKV_K8S_26', 'polaris/hostPortSet'],
  check: (ctx) => perContainer(ctx, (c) => {
    const i = (c.c.ports ?? []).findIndex((p: { hostPort?: number }) => p?.hostPort !== undefined && p.hostPort !== 0);
    return i >= 0 && { path: [...c.path, 'ports', i, 'hostPort'], message: `binds hostPort ${c.c.ports[i].hostPort}` };
  }),
});

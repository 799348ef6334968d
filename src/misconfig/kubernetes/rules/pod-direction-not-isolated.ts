import { rule } from '../../types.js';
import { onObject, podOf, type K8sCtx } from '../objects.js';
import { coverage } from '../netpol.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-102', slug: 'pod-direction-not-isolated', type: 'kubernetes', severity: 'LOW',
  title: 'Pods isolated in one direction only',
  why: 'Policies select these pods, but none of the selecting policies has the other policy type: that direction stays open (policyTypes defaults to Ingress only unless the policy has an egress section).',
  fix: 'Add `policyTypes: [Ingress, Egress]` to a policy selecting these pods, with the egress (or ingress) rules they need.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource'],
  aliases: [],
  check(ctx) {
    const pod = podOf(ctx.obj);
    if (!pod || pod.spec.hostNetwork === true) return [];
    const cov = coverage(ctx.obj, ctx.all);
    if (!cov.selected || (cov.ingress && cov.egress)) return [];
    return [onObject(ctx, [...pod.specPath.slice(0, -1), 'metadata'], `pods are not isolated for ${cov.ingress ? 'egress' : 'ingress'} by any NetworkPolicy`)];
  },
});

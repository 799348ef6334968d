import { rule } from '../../types.js';
import { onObject, podOf, type K8sCtx } from '../objects.js';
import { coverage } from '../netpol.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-060', slug: 'pod-not-isolated', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Pods selected by no NetworkPolicy',
  why: 'Pods no policy selects accept traffic from, and send traffic to, anything in the cluster: one compromised pod reaches them all.',
  fix: 'Add a NetworkPolicy whose podSelector matches these pods (or a namespace default-deny plus allow rules).',
  references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
  aliases: ['kube-linter/non-isolated-pod'],
  check(ctx) {
    const pod = podOf(ctx.obj);
    if (!pod || pod.spec.hostNetwork === true) return [];
    return coverage(ctx.obj, ctx.all).selected ? [] : [onObject(ctx, [...pod.specPath.slice(0, -1), 'metadata'], 'pods are selected by no NetworkPolicy')];
  },
});

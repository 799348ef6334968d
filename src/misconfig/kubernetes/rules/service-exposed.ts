import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-049', slug: 'service-exposed', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Service exposed outside the cluster (NodePort / LoadBalancer)',
  why: 'NodePort opens a port on every node; LoadBalancer usually faces the internet. Both bypass an ingress layer and its TLS/auth.',
  fix: 'Use `type: ClusterIP` behind an Ingress/Gateway, or restrict `loadBalancerSourceRanges`.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types'],
  aliases: ['kube-linter/exposed-services', 'kube-score/service-type'],
  check(ctx) {
    if (ctx.obj.kind !== 'Service') return [];
    const t = ctx.obj.value.spec?.type;
    if (t === 'NodePort') return [onObject(ctx, ['spec', 'type'], 'is a NodePort Service')];
    if (t === 'LoadBalancer' && !(ctx.obj.value.spec?.loadBalancerSourceRanges ?? []).length) return [onObject(ctx, ['spec', 'type'], 'is a LoadBalancer Service open to any source')];
    return [];
  },
});

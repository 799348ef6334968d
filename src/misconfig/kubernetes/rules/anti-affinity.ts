import { rule } from '../../types.js';
import { onObject, podOf, type K8sCtx } from '../objects.js';
import { replicated } from './_replicas.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-067', slug: 'anti-affinity', type: 'kubernetes', severity: 'LOW',
  title: 'Replicas may all land on one node (no anti-affinity or spread)',
  why: 'Without podAntiAffinity or topologySpreadConstraints, one node failure can take down every replica.',
  fix: 'Add `topologySpreadConstraints` on kubernetes.io/hostname, or preferred podAntiAffinity.',
  references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/'],
  aliases: ['kube-linter/no-anti-affinity'],
  check(ctx) {
    const n = replicated(ctx.obj);
    const pod = podOf(ctx.obj);
    if (!pod || n === undefined || n < 2) return [];
    if (pod.spec.affinity?.podAntiAffinity || (pod.spec.topologySpreadConstraints ?? []).length) return [];
    return [onObject(ctx, pod.specPath, `${n} replicas without podAntiAffinity or topologySpreadConstraints`)];
  },
});

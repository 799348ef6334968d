import { rule } from '../../types.js';
import { perPod, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-087', slug: 'node-affinity', type: 'kubernetes', severity: 'LOW',
  title: 'Pod without node affinity or nodeSelector',
  why: 'Without placement rules, sensitive workloads share nodes with anything.',
  fix: 'Add `nodeSelector` or `affinity.nodeAffinity`.',
  references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/'],
  aliases: ['kube-linter/no-node-affinity'],
  check: (ctx) => perPod(ctx, (p) => !p.spec.affinity?.nodeAffinity && !p.spec.nodeSelector && !p.spec.nodeName && { path: p.specPath, message: 'has no nodeAffinity or nodeSelector' }),
});

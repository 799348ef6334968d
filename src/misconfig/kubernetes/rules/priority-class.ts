import { rule } from '../../types.js';
import { perPod, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-074', slug: 'priority-class', type: 'kubernetes', severity: 'LOW',
  title: 'Pod without a priorityClassName',
  why: 'Without a priority class, important workloads are evicted in the same order as batch noise.',
  fix: 'Set `priorityClassName: business-critical`.',
  references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/'],
  aliases: ['polaris/priorityClassNotSet'],
  check: (ctx) => perPod(ctx, (p) => !p.spec.priorityClassName && { path: p.specPath, message: 'sets no priorityClassName' }),
});

import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-089', slug: 'hpa-min-replicas', type: 'kubernetes', severity: 'LOW',
  title: 'HorizontalPodAutoscaler minReplicas below three',
  why: 'With fewer than three replicas at the low end, a node drain or rollout degrades the service.',
  fix: 'Set `spec.minReplicas: 3`.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=hpa-minimum-three-replicas'],
  aliases: ['kube-linter/hpa-minimum-three-replicas'],
  check(ctx) {
    if (ctx.obj.kind !== 'HorizontalPodAutoscaler') return [];
    const m = ctx.obj.value.spec?.minReplicas ?? 1;
    return typeof m === 'number' && m < 3 ? [onObject(ctx, ctx.obj.value.spec?.minReplicas !== undefined ? ['spec', 'minReplicas'] : ['spec'], `minReplicas is ${m}`)] : [];
  },
});

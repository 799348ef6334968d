import { rule } from '../../types.js';
import { onObject, type K8sCtx, ofKind } from '../objects.js';
import { replicated } from './_replicas.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-066', slug: 'min-replicas', type: 'kubernetes', severity: 'LOW',
  title: 'Fewer than three replicas',
  why: 'With one or two replicas a node drain or a rollout leaves the service down or overloaded.',
  fix: 'Set `replicas: 3` (or use a HorizontalPodAutoscaler with minReplicas ≥ 3).',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=minimum-three-replicas'],
  aliases: ['kube-linter/minimum-three-replicas', 'polaris/deploymentMissingReplicas'],
  check(ctx) {
    const n = replicated(ctx.obj);
    if (n === undefined || n >= 3 || n === 0) return [];
    const hpa = ofKind(ctx.all, 'HorizontalPodAutoscaler').some((h) => h.value.spec?.scaleTargetRef?.name === ctx.obj.name && h.value.spec?.scaleTargetRef?.kind === ctx.obj.kind);
    return hpa ? [] : [onObject(ctx, ctx.obj.value.spec?.replicas !== undefined ? ['spec', 'replicas'] : ['spec'], `runs ${n} replica(s)`)];
  },
});

import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-078', slug: 'pdb-eviction-policy', type: 'kubernetes', severity: 'LOW',
  title: 'PodDisruptionBudget without unhealthyPodEvictionPolicy: AlwaysAllow',
  why: 'With the default policy, crash-looping pods block node drains.',
  fix: 'Set `spec.unhealthyPodEvictionPolicy: AlwaysAllow`.',
  references: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy'],
  aliases: ['kube-linter/pdb-unhealthy-pod-eviction-policy'],
  // kube-linter's semantics: either policy is a decision; only leaving it unset (the implicit default) is reported.
  check: (ctx) => ctx.obj.kind === 'PodDisruptionBudget' && !['AlwaysAllow', 'IfHealthyBudget'].includes(ctx.obj.value.spec?.unhealthyPodEvictionPolicy) ? [onObject(ctx, ['spec'], 'unhealthyPodEvictionPolicy is not set explicitly')] : [],
});

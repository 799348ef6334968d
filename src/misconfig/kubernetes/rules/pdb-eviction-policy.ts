import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-078', slug: 'pdb-eviction-policy', type: 'kubernetes', severity: 'LOW',
  title: 'PodDisruptionBudget without unhealthyPodEvictionPolicy: AlwaysAllow',
  why: 'With the default policy, crash-looping pods block node drains.',
  fix: 'Set `spec.unhealthyPodEvictionPolicy: AlwaysAllow`.',
  references: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy'],
  aliases: ['kube-linter/pdb-unhealthy-pod-eviction-policy'],
  check: (ctx) => ctx.obj.kind === 'PodDisruptionBudget' && ctx.obj.value.spec?.unhealthyPodEvictionPolicy !== 'AlwaysAllow' ? [onObject(ctx, ['spec'], 'does not set unhealthyPodEvictionPolicy: AlwaysAllow')] : [],
});

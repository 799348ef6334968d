import { rule } from '../../types.js';
import { onObject, nsOf, podOf, selects, workloads, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-077', slug: 'pdb-zero-disruptions', type: 'kubernetes', severity: 'MEDIUM',
  title: 'PodDisruptionBudget allows no disruption',
  why: 'maxUnavailable: 0 (or minAvailable: 100%) blocks node drains and cluster upgrades forever.',
  fix: 'Allow at least one pod to be disrupted: `maxUnavailable: 1`.',
  references: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/'],
  aliases: ['kube-linter/pdb-max-unavailable', 'kube-linter/pdb-min-available', 'polaris/pdbDisruptionsIsZero'],
  check(ctx) {
    if (ctx.obj.kind !== 'PodDisruptionBudget') return [];
    const s = ctx.obj.value.spec ?? {};
    if (s.maxUnavailable === 0 || s.maxUnavailable === '0' || s.maxUnavailable === '0%') return [onObject(ctx, ['spec', 'maxUnavailable'], 'maxUnavailable is 0')];
    if (s.minAvailable === '100%') return [onObject(ctx, ['spec', 'minAvailable'], 'minAvailable is 100%')];
    // A number at or above the replicas of the workloads it selects also blocks every eviction.
    if (typeof s.minAvailable === 'number') {
      for (const w of workloads(ctx.all)) {
        const replicas = w.value.spec?.replicas ?? 1;
        if (nsOf(w) === nsOf(ctx.obj) && typeof replicas === 'number' && selects(s.selector, podOf(w)?.meta?.labels ?? {}) && s.minAvailable >= replicas) {
          return [onObject(ctx, ['spec', 'minAvailable'], `minAvailable ${s.minAvailable} >= ${replicas} replica(s) of ${w.kind}/${w.name}`)];
        }
      }
    }
    return [];
  },
});

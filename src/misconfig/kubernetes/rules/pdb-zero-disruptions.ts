import { rule } from '../../types.js';
import { onObject, nsOf, podOf, selects, type K8sCtx, type K8sObject } from '../objects.js';

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
    // Replicas are the fewest the workload may run: an HPA's minReplicas or a KEDA ScaledObject's
    // minReplicaCount when one targets it. A workload is selected through its pod labels or, when
    // the manifest has no template, its own selector (kube-linter does the same).
    if (typeof s.minAvailable === 'number') {
      for (const w of ctx.all.filter((o) => podOf(o) !== undefined || CONTROLLERS.includes(o.kind))) {
        if (nsOf(w) !== nsOf(ctx.obj)) continue;
        const labels = podOf(w)?.meta?.labels ?? w.value.spec?.selector?.matchLabels ?? {};
        if (!selects(s.selector, labels)) continue;
        const replicas = minReplicas(ctx.all, w);
        if (typeof replicas === 'number' && s.minAvailable >= replicas) {
          return [onObject(ctx, ['spec', 'minAvailable'], `minAvailable ${s.minAvailable} >= ${replicas} replica(s) of ${w.kind}/${w.name}`)];
        }
      }
    }
    return [];
  },
});

const CONTROLLERS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'Rollout'];

/** The fewest replicas a workload runs: its autoscaler's minimum when one targets it, else spec.replicas (default 1). */
function minReplicas(all: K8sObject[], w: K8sObject): unknown {
  for (const a of all) {
    if (nsOf(a) !== nsOf(w)) continue;
    const t = a.value.spec?.scaleTargetRef;
    if (!t || t.name !== w.name || (t.kind && t.kind !== w.kind)) continue;
    if (a.kind === 'HorizontalPodAutoscaler') return a.value.spec?.minReplicas ?? 1;
    if (a.kind === 'ScaledObject') return a.value.spec?.minReplicaCount ?? 0;
  }
  return w.value.spec?.replicas ?? 1;
}

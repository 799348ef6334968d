import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-068', slug: 'rolling-update', type: 'kubernetes', severity: 'LOW',
  title: 'Deployment strategy is not RollingUpdate',
  why: 'Recreate stops every pod before starting new ones: each rollout is an outage.',
  fix: 'Use `strategy: { type: RollingUpdate }`.',
  references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy'],
  aliases: ['kube-linter/no-rolling-update-strategy'],
  check(ctx) {
    const o = ctx.obj;
    // OpenShift's DeploymentConfig calls its rolling strategy "Rolling".
    if ((o.kind === 'Deployment' || o.kind === 'DeploymentConfig') && o.value.spec?.strategy?.type && !['RollingUpdate', 'Rolling'].includes(o.value.spec.strategy.type)) return [onObject(ctx, ['spec', 'strategy', 'type'], `uses strategy ${o.value.spec.strategy.type}`)];
    if ((o.kind === 'DaemonSet' || o.kind === 'StatefulSet') && o.value.spec?.updateStrategy?.type && o.value.spec.updateStrategy.type !== 'RollingUpdate') return [onObject(ctx, ['spec', 'updateStrategy', 'type'], `uses update strategy ${o.value.spec.updateStrategy.type}`)];
    return [];
  },
});

import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-080', slug: 'naked-pod', type: 'kubernetes', severity: 'LOW',
  title: 'Bare Pod without a controller',
  why: 'A Pod not owned by a Deployment, StatefulSet or Job is not rescheduled when its node dies.',
  fix: 'Wrap it in a Deployment (or a Job for one-off work).',
  references: ['https://kubernetes.io/docs/concepts/configuration/overview/#naked-pods-vs-replicasets-deployments-and-jobs'],
  aliases: [],
  check: (ctx) => ctx.obj.kind === 'Pod' && !(ctx.obj.value.metadata?.ownerReferences ?? []).length ? [onObject(ctx, ['kind'], 'is a bare Pod')] : [],
});

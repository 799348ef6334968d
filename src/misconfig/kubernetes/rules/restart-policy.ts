import { rule } from '../../types.js';
import { perPod, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-085', slug: 'restart-policy', type: 'kubernetes', severity: 'LOW',
  title: 'Long-running workload with restartPolicy other than Always',
  why: 'Deployments and DaemonSets need restartPolicy Always; anything else is rejected or leaves dead pods.',
  fix: 'Remove restartPolicy or set it to Always.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=restart-policy'],
  aliases: ['kube-linter/restart-policy'],
  check: (ctx) => ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(ctx.obj.kind)
    ? perPod(ctx, (p) => p.spec.restartPolicy !== undefined && p.spec.restartPolicy !== 'Always' && { path: [...p.specPath, 'restartPolicy'], message: `sets restartPolicy ${p.spec.restartPolicy}` }) : [],
});

import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-029', slug: 'liveness-probe', type: 'kubernetes', severity: 'LOW',
  title: 'Container without a liveness probe',
  why: 'Without a liveness probe Kubernetes cannot tell a broken container from a working one (restarts and traffic routing go wrong).',
  fix: 'Add `livenessProbe: { httpGet: { path: /healthz, port: 8080 } }`.',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'],
  aliases: ['CKV_K8S_8', 'polaris/livenessProbeMissing', 'kube-linter/no-liveness-probe', 'kube-score/pod-probes'],
  check(ctx) {
    // Jobs and CronJobs run to completion: probes are meaningless there.
    if (['Job', 'CronJob'].includes(ctx.obj.kind)) return [];
    return perContainer(ctx, (c) => !c.c.livenessProbe && { path: c.path, message: 'has no liveness probe' }, ['containers']);
  },
});

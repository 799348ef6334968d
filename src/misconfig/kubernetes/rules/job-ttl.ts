import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-073', slug: 'job-ttl', type: 'kubernetes', severity: 'LOW',
  title: 'Job without ttlSecondsAfterFinished',
  why: 'Finished Jobs and their pods pile up and keep logs and secrets around.',
  fix: 'Set `spec.ttlSecondsAfterFinished: 3600`.',
  references: ['https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/'],
  aliases: ['kube-linter/job-ttl-seconds-after-finished'],
  check: (ctx) => ctx.obj.kind === 'Job' && !ctx.obj.value.metadata?.ownerReferences && ctx.obj.value.spec?.ttlSecondsAfterFinished === undefined ? [onObject(ctx, ['spec'], 'has no ttlSecondsAfterFinished')] : [],
});

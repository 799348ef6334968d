import { rule } from '../../types.js';
import { onObject, podOf, selects, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-072', slug: 'mismatching-selector', type: 'kubernetes', severity: 'HIGH',
  title: 'Workload selector does not match its pod template labels',
  why: 'The API server rejects it, or the controller never sees its own pods.',
  fix: 'Make spec.selector.matchLabels a subset of spec.template.metadata.labels.',
  references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector'],
  aliases: ['kube-linter/mismatching-selector'],
  check(ctx) {
    const sel = ctx.obj.value.spec?.selector;
    const pod = podOf(ctx.obj);
    if (!pod || !sel || ctx.obj.kind === 'Pod' || ctx.obj.kind === 'CronJob' || ctx.obj.kind === 'Job') return [];
    // ReplicationController and OpenShift's DeploymentConfig take a plain label map, not a LabelSelector.
    const plain = ctx.obj.kind === 'ReplicationController' || ctx.obj.kind === 'DeploymentConfig' || (!sel.matchLabels && !sel.matchExpressions);
    const ok = plain ? Object.entries(sel).every(([k, v]) => pod.meta.labels?.[k] === String(v)) : selects(sel, pod.meta.labels ?? {});
    return ok ? [] : [onObject(ctx, ['spec', 'selector'], 'selector does not match the pod template labels')];
  },
});

import { rule } from '../../types.js';
import { perContainer, onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-081', slug: 'tiller', type: 'kubernetes', severity: 'CRITICAL',
  title: 'Helm v2 Tiller deployed',
  why: 'Tiller runs with cluster-admin and an unauthenticated gRPC port: anyone in the cluster can deploy anything.',
  fix: 'Remove Tiller and move to Helm 3.',
  references: ['https://helm.sh/docs/faq/changes_since_helm2/#removal-of-tiller'],
  aliases: ['AVD-KSV-0102', 'KSV102', 'CKV_K8S_34', 'CKV_K8S_44'],
  check(ctx) {
    const labels = ctx.obj.value.metadata?.labels ?? {};
    if (ctx.obj.kind === 'Service') return labels.name === 'tiller' || labels.app === 'helm' && labels.name === 'tiller' || /tiller/.test(ctx.obj.name) ? [onObject(ctx, ['metadata'], 'is a Tiller Service')] : [];
    const isTiller = labels.name === 'tiller' || labels.app === 'helm';
    return perContainer(ctx, (c) => (isTiller || /tiller/.test(String(c.c.image ?? ''))) && { path: [...c.path, 'image'], message: 'runs Tiller' });
  },
});

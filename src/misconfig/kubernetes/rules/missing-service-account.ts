import { rule } from '../../types.js';
import { perPod, nsOf, type K8sCtx, ofKindIn } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-084', slug: 'missing-service-account', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Pod names a ServiceAccount not in the scan',
  why: 'Pods naming a missing ServiceAccount are never created.',
  fix: 'Add the ServiceAccount manifest or fix the name.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=non-existent-service-account'],
  aliases: ['kube-linter/non-existent-service-account'],
  check(ctx) {
    const sas = ofKindIn(ctx.all, 'ServiceAccount', nsOf(ctx.obj));
    return perPod(ctx, (p) => {
      const n = p.spec.serviceAccountName ?? p.spec.serviceAccount;
      return n && n !== 'default' && !sas.some((s) => s.name === n) && { path: [...p.specPath, p.spec.serviceAccountName ? 'serviceAccountName' : 'serviceAccount'], message: `uses ServiceAccount ${n}, not in the scan` };
    });
  },
});

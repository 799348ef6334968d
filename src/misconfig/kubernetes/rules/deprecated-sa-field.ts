import { rule } from '../../types.js';
import { perPod, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-042', slug: 'deprecated-sa-field', type: 'kubernetes', severity: 'LOW',
  title: "Deprecated 'serviceAccount' field used",
  why: 'serviceAccount is a deprecated alias; tools that only read serviceAccountName miss it.',
  fix: 'Use `serviceAccountName`.',
  references: ['https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/'],
  aliases: ['kube-linter/deprecated-service-account-field'],
  check: (ctx) => perPod(ctx, (p) => p.spec.serviceAccount !== undefined && !p.spec.serviceAccountName && { path: [...p.specPath, 'serviceAccount'], message: 'uses the deprecated serviceAccount field' }),
});

import { rule } from '../../types.js';
import { perPod, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-040', slug: 'default-service-account', type: 'kubernetes', severity: 'LOW',
  title: 'Pod uses the default service account',
  why: 'Permissions granted to "default" leak to every pod in the namespace; give each workload its own account.',
  fix: 'Create a ServiceAccount per workload and set `serviceAccountName: my-app`.',
  references: ['https://kubernetes.io/docs/concepts/security/service-accounts/'],
  aliases: ['kube-linter/default-service-account'],
  check: (ctx) => perPod(ctx, (p) => {
    const sa = p.spec.serviceAccountName ?? p.spec.serviceAccount;
    return (!sa || sa === 'default') && { path: p.spec.serviceAccountName ? [...p.specPath, 'serviceAccountName'] : p.specPath, message: 'uses the default service account' };
  }),
});

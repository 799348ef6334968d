import { rule } from '../../types.js';
import { perPod, type K8sCtx, ofKindIn } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-039', slug: 'automount-token', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Service account token mounted automatically',
  why: 'Most pods never call the API server; a mounted token is a credential an intruder can use against the cluster.',
  fix: 'Set `automountServiceAccountToken: false` in the pod spec (or on the ServiceAccount).',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting'],
  aliases: ['CKV_K8S_38', 'polaris/automountServiceAccountToken'],
  check(ctx) {
    return perPod(ctx, (p) => {
      if (p.spec.automountServiceAccountToken === false) return false;
      // A ServiceAccount in the scan that opts out also counts (the pod field, when set, wins).
      const saName = p.spec.serviceAccountName ?? p.spec.serviceAccount ?? 'default';
      const ns = ctx.obj.namespace ?? 'default';
      const sa = ofKindIn(ctx.all, 'ServiceAccount', ns).find((o) => o.name === saName);
      if (p.spec.automountServiceAccountToken === undefined && sa?.value.automountServiceAccountToken === false) return false;
      return { path: p.spec.automountServiceAccountToken !== undefined ? [...p.specPath, 'automountServiceAccountToken'] : p.specPath, message: 'mounts the service account token' };
    });
  },
});

import { rule } from '../../types.js';
import { perPod, containersOf, type K8sCtx } from '../objects.js';

const TOKEN_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export default rule<K8sCtx>({
  id: 'CG-K8S-090', slug: 'sa-token-mounted', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Service account token explicitly mounted',
  why: 'The pod asks for its API token (automountServiceAccountToken: true, or a mount at the token path); an intruder gets a cluster credential.',
  fix: 'Set `automountServiceAccountToken: false` unless the pod calls the API server.',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/'],
  aliases: ['AVD-KSV-0036', 'KSV036'],
  check: (ctx) => perPod(ctx, (p) => {
    if (p.spec.automountServiceAccountToken === true) return { path: [...p.specPath, 'automountServiceAccountToken'], message: 'sets automountServiceAccountToken: true' };
    for (const c of containersOf(p)) {
      const i = (c.c.volumeMounts ?? []).findIndex((m: { mountPath?: string }) => String(m?.mountPath ?? '').replace(/\/+$/, '') === TOKEN_DIR);
      if (i >= 0 && p.spec.automountServiceAccountToken !== false) return { path: [...c.path, 'volumeMounts', i], message: `container "${c.name}" mounts the service account token` };
    }
    return false;
  }),
});

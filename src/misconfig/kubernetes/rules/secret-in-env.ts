import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-046', slug: 'secret-in-env', type: 'kubernetes', severity: 'LOW',
  title: 'Secret read into an environment variable',
  why: 'Environment variables leak into logs, crash dumps and child processes; mounted files do not.',
  fix: 'Mount the secret as a volume and read the file.',
  references: ['https://kubernetes.io/docs/concepts/configuration/secret/'],
  aliases: ['CKV_K8S_35', 'kube-linter/read-secret-from-env-var'],
  check: (ctx) => perContainer(ctx, (c) => {
    const env: { valueFrom?: { secretKeyRef?: unknown } }[] = Array.isArray(c.c.env) ? c.c.env : [];
    const i = env.findIndex((e) => e?.valueFrom?.secretKeyRef);
    if (i >= 0) return { path: [...c.path, 'env', i], message: 'reads a Secret into an environment variable' };
    const j = (Array.isArray(c.c.envFrom) ? c.c.envFrom : []).findIndex((e: { secretRef?: unknown }) => e?.secretRef);
    return j >= 0 && { path: [...c.path, 'envFrom', j], message: 'loads a Secret into environment variables' };
  }),
});

import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';
import { isSecretName, PRIVATE_KEY } from '../../secret-names.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-045', slug: 'secret-env-literal', type: 'kubernetes', severity: 'HIGH',
  title: 'Secret passed as a literal env value',
  why: 'A literal value in the manifest ends up in Git, in kubectl get output and in every viewer\'s terminal.',
  fix: 'Use `valueFrom: { secretKeyRef: { name: app, key: password } }`.',
  references: ['https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables'],
  aliases: ['polaris/sensitiveContainerEnvVar', 'kube-linter/env-var-secret'],
  check: (ctx) => perContainer(ctx, (c) => {
    const env: { name?: string; value?: unknown }[] = Array.isArray(c.c.env) ? c.c.env : [];
    const i = env.findIndex((e) => e && typeof e.value === 'string' && (((isSecretName(String(e.name ?? '')) || /secret/i.test(String(e.name ?? ''))) && e.value !== '' && !/^\$\(/.test(e.value)) || PRIVATE_KEY.test(e.value)));
    return i >= 0 && { path: [...c.path, 'env', i, 'value'], message: `sets ${env[i].name} to a literal value` };
  }),
});

import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-048', slug: 'plain-secret', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Secret with values committed in a manifest',
  why: 'Secret data is only base64: anyone who can read the repository can read the secret.',
  fix: 'Keep secrets out of Git: SealedSecrets, SOPS, External Secrets Operator or your CD tool\'s secret store.',
  references: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
  aliases: [],
  check(ctx) {
    if (ctx.obj.kind !== 'Secret') return [];
    const v = ctx.obj.value;
    const key = ['data', 'stringData'].find((k) => v[k] && typeof v[k] === 'object' && Object.values(v[k]).some((x) => x !== '' && x !== null));
    if (!key) return [];
    if (v.type === 'kubernetes.io/service-account-token') return [];
    return [onObject(ctx, [key], `Secret carries values in ${key}`)];
  },
});

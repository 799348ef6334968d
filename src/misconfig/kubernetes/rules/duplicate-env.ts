import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-070', slug: 'duplicate-env', type: 'kubernetes', severity: 'LOW',
  title: 'Duplicate environment variable',
  why: 'Only the last value wins; the other is misleading and often a merge mistake.',
  fix: 'Keep one entry per name.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=duplicate-env-var'],
  aliases: ['kube-linter/duplicate-env-var'],
  check: (ctx) => perContainer(ctx, (c) => {
    const seen = new Set<string>();
    const env: { name?: string }[] = Array.isArray(c.c.env) ? c.c.env : [];
    for (let i = 0; i < env.length; i++) {
      const n = String(env[i]?.name);
      if (seen.has(n)) return { path: [...c.path, 'env', i], message: `sets ${n} twice` };
      seen.add(n);
    }
    return false;
  }),
});

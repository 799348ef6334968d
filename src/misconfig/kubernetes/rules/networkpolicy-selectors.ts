import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';
import { isNetworkPolicy } from '../netpol.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-063', slug: 'networkpolicy-selectors', type: 'kubernetes', severity: 'MEDIUM',
  title: 'NetworkPolicy without selectors (no podSelector, or a rule allowing every peer)',
  why: 'An ingress/egress rule without from/to peers allows all sources or destinations, which defeats the policy.',
  fix: 'Give every rule a podSelector, namespaceSelector or ipBlock peer.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
  aliases: ['AVD-KSV-0038', 'KSV038'],
  check(ctx) {
    if (!isNetworkPolicy(ctx.obj)) return [];
    const spec = ctx.obj.value.spec ?? {};
    if (spec.podSelector === undefined) return [onObject(ctx, ctx.obj.value.spec ? ['spec'] : ['kind'], 'has no podSelector')];
    for (const [dir, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
      const rules = Array.isArray(spec[dir]) ? spec[dir] : [];
      const i = rules.findIndex((r: Record<string, unknown>) => !r || !Array.isArray(r[peers]) || (r[peers] as unknown[]).length === 0);
      if (i >= 0) return [onObject(ctx, ['spec', dir, i], `${dir} rule ${i + 1} has no ${peers} peers (allows all)`)];
    }
    return [];
  },
});

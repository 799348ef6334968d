import { rule } from '../../types.js';
import { onObject, nsOf, selects, podCreatorsIn, podLabels, type K8sCtx } from '../objects.js';
import { isNetworkPolicy } from '../netpol.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-086', slug: 'dangling-netpol-peer', type: 'kubernetes', severity: 'LOW',
  title: 'NetworkPolicy peer podSelector matches no pods',
  why: 'A from/to podSelector that matches nothing allows nothing; usually a label typo that breaks traffic.',
  fix: 'Fix the peer podSelector labels.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=dangling-networkpolicypeer-podselector'],
  aliases: ['kube-linter/dangling-networkpolicypeer-podselector'],
  check(ctx) {
    if (!isNetworkPolicy(ctx.obj)) return [];
    // As kube-linter: judged against the scanned manifests, even when they hold no workload.
    const ws = podCreatorsIn(ctx.all, nsOf(ctx.obj));
    const spec = ctx.obj.value.spec ?? {};
    for (const [dir, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
      const rules = Array.isArray(spec[dir]) ? spec[dir] : [];
      for (let i = 0; i < rules.length; i++) {
        const ps = Array.isArray(rules[i]?.[peers]) ? rules[i][peers] : [];
        for (let j = 0; j < ps.length; j++) {
          const sel = ps[j]?.podSelector;
          if (!sel || ps[j].namespaceSelector || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)) continue;
          if (!ws.some((w) => selects(sel, podLabels(w) ?? {}))) return [onObject(ctx, ['spec', dir, i, peers, j], 'peer podSelector matches no pod in the scanned manifests')];
        }
      }
    }
    return [];
  },
});

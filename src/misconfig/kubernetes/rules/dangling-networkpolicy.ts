import { rule } from '../../types.js';
import { onObject, nsOf, selects, podCreatorsIn, podLabels, type K8sCtx } from '../objects.js';
import { isNetworkPolicy } from '../netpol.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-062', slug: 'dangling-networkpolicy', type: 'kubernetes', severity: 'LOW',
  title: 'NetworkPolicy selects no pods',
  why: 'A policy whose podSelector matches nothing protects nothing; usually a label typo.',
  fix: 'Fix the podSelector labels to match the workload template labels.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=dangling-networkpolicy'],
  aliases: ['kube-linter/dangling-networkpolicy'],
  check(ctx) {
    if (!isNetworkPolicy(ctx.obj)) return [];
    const sel = ctx.obj.value.spec?.podSelector;
    if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)) return [];
    // As kube-linter: judged against the scanned manifests, even when they hold no workload.
    const ws = podCreatorsIn(ctx.all, nsOf(ctx.obj));
    return ws.some((w) => selects(sel, podLabels(w) ?? {})) ? [] : [onObject(ctx, ['spec', 'podSelector'], 'podSelector matches no pod in the scanned manifests')];
  },
});

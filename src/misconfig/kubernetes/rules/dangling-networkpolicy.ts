import { rule } from '../../types.js';
import { onObject, podOf, nsOf, selects, workloads, type K8sCtx } from '../objects.js';
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
    const ws = workloads(ctx.all).filter((w) => nsOf(w) === nsOf(ctx.obj));
    if (!ws.length) return [];
    return ws.some((w) => selects(sel, podOf(w)?.meta?.labels ?? {})) ? [] : [onObject(ctx, ['spec', 'podSelector'], 'podSelector matches no pod in the scanned manifests')];
  },
});

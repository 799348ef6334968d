import { rule } from '../../types.js';
import { onObject, nsOf, podCreatorsIn, podLabels, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-071', slug: 'dangling-service', type: 'kubernetes', severity: 'LOW',
  title: 'Service selects no pods',
  why: 'A selector matching nothing sends traffic nowhere; usually a label typo.',
  fix: 'Make spec.selector match the workload template labels.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=dangling-service'],
  aliases: ['kube-linter/dangling-service'],
  check(ctx) {
    if (ctx.obj.kind !== 'Service') return [];
    const sel: Record<string, string> = ctx.obj.value.spec?.selector ?? {};
    if (!Object.keys(sel).length) return [];
    const ws = podCreatorsIn(ctx.all, nsOf(ctx.obj));
    const match = ws.some((w) => { const l = podLabels(w) ?? {}; return Object.entries(sel).every(([k, v]) => l[k] === String(v)); });
    return match ? [] : [onObject(ctx, ['spec', 'selector'], 'selector matches no pod in the scanned manifests')];
  },
});

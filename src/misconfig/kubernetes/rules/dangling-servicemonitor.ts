import { rule } from '../../types.js';
import { onObject, nsOf, selects, type K8sCtx, ofKind } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-097', slug: 'dangling-servicemonitor', type: 'kubernetes', severity: 'LOW',
  title: 'ServiceMonitor selects no Service',
  why: 'A Prometheus-operator ServiceMonitor whose selector matches no Service scrapes nothing: monitoring silently stops.',
  fix: 'Make spec.selector (and namespaceSelector) match the Service labels.',
  references: ['https://prometheus-operator.dev/docs/operator/design/#servicemonitor'],
  aliases: ['kube-linter/dangling-servicemonitor'],
  check(ctx) {
    const o = ctx.obj;
    if (o.kind !== 'ServiceMonitor' || !/monitoring\.coreos\.com/.test(o.apiVersion)) return [];
    const sel = o.value.spec?.selector ?? {};
    const nsSel = o.value.spec?.namespaceSelector ?? {};
    const services = ofKind(ctx.all, 'Service');
    if (!services.length) return [];
    const inNs = (s: typeof services[number]) => nsSel.any === true || (Array.isArray(nsSel.matchNames) ? nsSel.matchNames.includes(nsOf(s)) : nsOf(s) === nsOf(o));
    const hit = services.some((s) => inNs(s) && selects(sel, s.value.metadata?.labels ?? {}));
    return hit ? [] : [onObject(ctx, ['spec', 'selector'], 'selector matches no Service in the scanned manifests')];
  },
});

import { rule } from '../../types.js';
import { onObject, nsOf, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-079', slug: 'dangling-reference', type: 'kubernetes', severity: 'LOW',
  title: 'HorizontalPodAutoscaler or Ingress points at nothing in the scan',
  why: 'An HPA whose target does not exist, or an Ingress whose backend Service does not exist, does nothing; usually a rename left behind.',
  fix: 'Fix the name in scaleTargetRef / backend.service.name.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=dangling-ingress'],
  aliases: ['kube-linter/dangling-horizontalpodautoscaler', 'kube-linter/dangling-ingress'],
  check(ctx) {
    const o = ctx.obj;
    const inNs = ctx.all.filter((x) => nsOf(x) === nsOf(o));
    if (o.kind === 'HorizontalPodAutoscaler') {
      const t = o.value.spec?.scaleTargetRef;
      if (!t?.name || !inNs.some((x) => x.kind !== 'HorizontalPodAutoscaler' && ['Deployment', 'StatefulSet', 'ReplicaSet', 'Rollout'].includes(x.kind))) return [];
      return inNs.some((x) => x.kind === t.kind && x.name === t.name) ? [] : [onObject(ctx, ['spec', 'scaleTargetRef'], `targets ${t.kind}/${t.name}, not in the scan`)];
    }
    if (o.kind === 'Ingress') {
      const services = new Set(inNs.filter((x) => x.kind === 'Service').map((x) => x.name));
      if (!services.size) return [];
      const names: string[] = [];
      const def = o.value.spec?.defaultBackend?.service?.name ?? o.value.spec?.backend?.serviceName;
      if (def) names.push(def);
      for (const r of o.value.spec?.rules ?? []) for (const p of r?.http?.paths ?? []) { const n = p?.backend?.service?.name ?? p?.backend?.serviceName; if (n) names.push(n); }
      const miss = names.find((n) => !services.has(n));
      return miss ? [onObject(ctx, ['spec'], `routes to Service ${miss}, not in the scan`)] : [];
    }
    return [];
  },
});

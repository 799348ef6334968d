import { rule } from '../../types.js';
import { onObject, nsOf, type Any, type K8sCtx, inNamespace } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-079', slug: 'dangling-reference', type: 'kubernetes', severity: 'LOW',
  title: 'HorizontalPodAutoscaler or Ingress points at nothing in the scan',
  why: 'An HPA whose target does not exist, or an Ingress whose backend Service does not exist, does nothing; usually a rename left behind.',
  fix: 'Fix the name in scaleTargetRef / backend.service.name.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=dangling-ingress'],
  aliases: ['kube-linter/dangling-horizontalpodautoscaler', 'kube-linter/dangling-ingress'],
  check(ctx) {
    const o = ctx.obj;
    const inNs = inNamespace(ctx.all, nsOf(o));
    if (o.kind === 'HorizontalPodAutoscaler') {
      const t = o.value.spec?.scaleTargetRef;
      if (!t?.name || !inNs.some((x) => x.kind !== 'HorizontalPodAutoscaler' && ['Deployment', 'StatefulSet', 'ReplicaSet', 'Rollout'].includes(x.kind))) return [];
      return inNs.some((x) => x.kind === t.kind && x.name === t.name) ? [] : [onObject(ctx, ['spec', 'scaleTargetRef'], `targets ${t.kind}/${t.name}, not in the scan`)];
    }
    if (o.kind === 'Ingress') {
      const services = new Map(inNs.filter((x) => x.kind === 'Service').map((x) => [x.name, x] as const));
      if (!services.size) return [];
      // Every backend must name a scanned Service and one of its ports (by number or name).
      const backends: { name: string; port?: Any }[] = [];
      const add = (b: Any) => {
        if (b?.service?.name) backends.push({ name: b.service.name, port: b.service.port });
        else if (b?.serviceName) backends.push({ name: b.serviceName, port: b.servicePort !== undefined ? (typeof b.servicePort === 'number' ? { number: b.servicePort } : { name: b.servicePort }) : undefined });
      };
      add(o.value.spec?.defaultBackend ?? o.value.spec?.backend);
      for (const r of o.value.spec?.rules ?? []) for (const p of r?.http?.paths ?? []) add(p?.backend);
      for (const b of backends) {
        const svc = services.get(b.name);
        if (!svc) return [onObject(ctx, ['spec'], `routes to Service ${b.name}, not in the scan`)];
        const ports: Any[] = Array.isArray(svc.value.spec?.ports) ? svc.value.spec.ports : [];
        const num = b.port?.number;
        const name = b.port?.name;
        if (num !== undefined && !ports.some((p) => p?.port === num)) return [onObject(ctx, ['spec'], `routes to port ${num} of Service ${b.name}, which has no such port`)];
        if (name !== undefined && !ports.some((p) => p?.name === name)) return [onObject(ctx, ['spec'], `routes to port ${name} of Service ${b.name}, which has no such port`)];
      }
      return [];
    }
    return [];
  },
});

import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-050', slug: 'service-external-ips', type: 'kubernetes', severity: 'HIGH',
  title: 'Service with externalIPs',
  why: 'externalIPs let a Service claim any IP and intercept traffic to it (CVE-2020-8554).',
  fix: 'Remove `spec.externalIPs`; use a LoadBalancer or Ingress.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/service/#external-ips'],
  aliases: ['AVD-KSV-0108', 'KSV108'],
  check: (ctx) => ctx.obj.kind === 'Service' && (ctx.obj.value.spec?.externalIPs ?? []).length ? [onObject(ctx, ['spec', 'externalIPs'], 'sets externalIPs')] : [],
});

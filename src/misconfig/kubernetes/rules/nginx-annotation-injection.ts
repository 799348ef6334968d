import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-092', slug: 'nginx-annotation-injection', type: 'kubernetes', severity: 'CRITICAL',
  title: 'ingress-nginx annotation with configuration-injection characters',
  why: 'ingress-nginx copies annotation values into nginx.conf; characters such as | ; # { } quotes or newlines inject configuration (CVE-2023-5043/5044, CVE-2025-1097 family).',
  fix: 'Use plain URLs and names in nginx.ingress.kubernetes.io/* annotations; upgrade the controller and enable annotation validation.',
  references: ['https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations-risk/'],
  aliases: ['AVD-KCV-0093', 'KCV0093'],
  check(ctx) {
    if (ctx.obj.kind !== 'Ingress') return [];
    const ann: Record<string, unknown> = ctx.obj.value.metadata?.annotations ?? {};
    const k = Object.keys(ann).find((x) => x.startsWith('nginx.ingress.kubernetes.io/') && !/-snippet$/.test(x) && /[|;#{}`'"\\\n\r]/.test(String(ann[x])));
    return k ? [onObject(ctx, ['metadata', 'annotations', k], `annotation ${k} contains configuration-injection characters`)] : [];
  },
});

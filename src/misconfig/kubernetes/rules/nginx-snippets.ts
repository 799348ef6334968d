import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-082', slug: 'nginx-snippets', type: 'kubernetes', severity: 'HIGH',
  title: 'ingress-nginx snippet annotation',
  why: 'Snippet annotations inject raw nginx config; with them a namespace user can read the controller\'s secrets (CVE-2021-25742).',
  fix: 'Remove *-snippet annotations and set allow-snippet-annotations: "false" in the controller.',
  references: ['https://github.com/kubernetes/ingress-nginx/issues/7837'],
  aliases: ['CKV_K8S_153'],
  check(ctx) {
    if (ctx.obj.kind !== 'Ingress') return [];
    const ann = ctx.obj.value.metadata?.annotations ?? {};
    const k = Object.keys(ann).find((x) => /^nginx\.ingress\.kubernetes\.io\/(.*-snippet|.*lua.*)$/.test(x) || (/^nginx\.ingress\.kubernetes\.io\//.test(x) && /(lua|alias|\/var\/run\/secrets)/.test(String(ann[x]))));
    return k ? [onObject(ctx, ['metadata', 'annotations', k], `uses ${k}`)] : [];
  },
});

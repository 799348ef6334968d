import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-096', slug: 'extensions-v1beta', type: 'kubernetes', severity: 'LOW',
  title: 'Object uses the removed extensions/v1beta* API',
  why: 'extensions/v1beta1 was removed in Kubernetes 1.16 (Ingress in 1.22); such manifests no longer apply.',
  fix: 'Use apps/v1 for workloads and networking.k8s.io/v1 for Ingress and NetworkPolicy.',
  references: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/'],
  aliases: ['kube-linter/no-extensions-v1beta'],
  check: (ctx) => /^extensions\/v1beta.+/.test(ctx.obj.apiVersion) ? [onObject(ctx, ['apiVersion'], `uses ${ctx.obj.apiVersion}`)] : [],
});

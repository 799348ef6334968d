import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-044', slug: 'kube-system-namespace', type: 'kubernetes', severity: 'MEDIUM',
  title: 'User object in kube-system',
  why: 'kube-system holds the control plane; user objects there share its privileges and confuse audits.',
  fix: 'Deploy into your own namespace.',
  references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/'],
  aliases: ['AVD-KSV-0037', 'KSV037'],
  check: (ctx) => ctx.obj.namespace === 'kube-system' && !['Role', 'RoleBinding'].includes(ctx.obj.kind) ? [onObject(ctx, ['metadata', 'namespace'], 'is in kube-system')] : [],
});

import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-083', slug: 'scc-privileged', type: 'kubernetes', severity: 'HIGH',
  title: 'OpenShift SecurityContextConstraints allow privileged containers',
  why: 'Every pod admitted under this SCC may run privileged (root on the node).',
  fix: 'Set `allowPrivilegedContainer: false`.',
  references: ['https://docs.openshift.com/container-platform/latest/authentication/managing-security-context-constraints.html'],
  aliases: ['kube-linter/scc-deny-privileged-container'],
  check: (ctx) => ctx.obj.kind === 'SecurityContextConstraints' && ctx.obj.value.allowPrivilegedContainer === true ? [onObject(ctx, ['allowPrivilegedContainer'], 'allows privileged containers')] : [],
});

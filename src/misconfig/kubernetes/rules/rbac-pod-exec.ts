import { rule } from '../../types.js';
import type { K8sCtx } from '../objects.js';
import { perPolicyRule, grants } from '../rbac.js';
import { defaultRbacName } from './cluster-admin-binding.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-055', slug: 'rbac-pod-exec', type: 'kubernetes', severity: 'HIGH',
  title: 'Role can exec or attach into pods',
  why: 'pods/exec and pods/attach give a shell in running containers, with their secrets and tokens.',
  fix: 'Grant exec only to break-glass roles.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  aliases: ['AVD-KSV-0053', 'KSV053', 'AVD-KSV-0054', 'KSV054', 'polaris/clusterrolePodExecAttach', 'polaris/rolePodExecAttach'],
  check: (ctx) => ['admin', 'edit'].includes(ctx.obj.name) || defaultRbacName(ctx.obj.name) ? [] : perPolicyRule(ctx, (r) => (grants(r, 'pods/exec', ['create', 'get']) || grants(r, 'pods/attach', ['create', 'get'])) && 'rule grants pods/exec or pods/attach'),
});

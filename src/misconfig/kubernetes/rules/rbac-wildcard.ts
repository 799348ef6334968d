import { rule } from '../../types.js';
import type { K8sCtx } from '../objects.js';
import { perPolicyRule } from '../rbac.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-051', slug: 'rbac-wildcard', type: 'kubernetes', severity: 'CRITICAL',
  title: 'RBAC rule with wildcards',
  why: 'A "*" in verbs or resources grants everything, including resources and verbs added in future versions.',
  fix: 'List the exact resources and verbs needed.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  aliases: ['AVD-KSV-0044', 'KSV044', 'AVD-KSV-0045', 'KSV045', 'AVD-KSV-0046', 'KSV046', 'AVD-KSV-0112', 'KSV112', 'CKV_K8S_49', 'kube-linter/wildcard-in-rules'],
  check: (ctx) => perPolicyRule(ctx, (r) => (r.verbs.includes('*') || r.resources.includes('*') || r.apiGroups.includes('*')) && `rule grants ${r.verbs.join(',')} on ${r.resources.join(',')}`),
});

import { rule } from '../../types.js';
import type { K8sCtx } from '../objects.js';
import { perPolicyRule, grants, policyRules, roleGrants } from '../rbac.js';
import { onObject } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-056', slug: 'rbac-webhooks-csr', type: 'kubernetes', severity: 'HIGH',
  title: 'Role can change admission webhooks or approve certificates',
  why: 'Admission webhooks see and mutate every object; approving CSRs mints client certificates for any identity.',
  fix: 'Restrict these permissions to the cluster operators.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  aliases: ['AVD-KSV-0114', 'KSV114', 'CKV_K8S_155', 'CKV_K8S_156'],
  check(ctx) {
    const g = 'admissionregistration.k8s.io';
    const hooks = perPolicyRule(ctx, (r) => (grants(r, 'mutatingwebhookconfigurations', ['create', 'update', 'patch', 'delete'], g) || grants(r, 'validatingwebhookconfigurations', ['create', 'update', 'patch', 'delete'], g)) && 'rule can change admission webhooks');
    // Approving needs two permissions that may sit in different rules of the role.
    const rules = policyRules(ctx);
    const c = 'certificates.k8s.io';
    const csr = roleGrants(rules, 'certificatesigningrequests/approval', ['update', 'patch'], c) && roleGrants(rules, 'signers', ['approve'], c)
      ? [onObject(ctx, ['rules'], 'role can approve certificate signing requests')] : [];
    return [...hooks, ...csr];
  },
});

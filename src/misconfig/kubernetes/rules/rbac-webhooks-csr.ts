import { rule } from '../../types.js';
import type { K8sCtx } from '../objects.js';
import { perPolicyRule, grants } from '../rbac.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-056', slug: 'rbac-webhooks-csr', type: 'kubernetes', severity: 'HIGH',
  title: 'Role can change admission webhooks or approve certificates',
  why: 'Admission webhooks see and mutate every object; approving CSRs mints client certificates for any identity.',
  fix: 'Restrict these permissions to the cluster operators.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  aliases: ['AVD-KSV-0114', 'KSV114', 'CKV_K8S_155', 'CKV_K8S_156'],
  check: (ctx) => perPolicyRule(ctx, (r) => {
    const g = 'admissionregistration.k8s.io';
    if (grants(r, 'mutatingwebhookconfigurations', ['create', 'update', 'patch', 'delete'], g) || grants(r, 'validatingwebhookconfigurations', ['create', 'update', 'patch', 'delete'], g)) return 'rule can change admission webhooks';
    if (grants(r, 'certificatesigningrequests/approval', ['update', 'patch'], 'certificates.k8s.io') && grants(r, 'signers', ['approve'], 'certificates.k8s.io')) return 'rule can approve certificate signing requests';
    return false;
  }),
});

import { rule } from '../../types.js';
import type { K8sCtx } from '../objects.js';
import { perPolicyRule, grants } from '../rbac.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-054', slug: 'rbac-escalate', type: 'kubernetes', severity: 'CRITICAL',
  title: 'Role can escalate or bind roles',
  why: 'escalate/bind let a subject grant itself any permission; impersonate lets it act as any user or group (system:masters).',
  fix: 'Remove escalate, bind and impersonate verbs; bind roles through reviewed GitOps changes.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb'],
  aliases: ['AVD-KSV-0050', 'KSV050', 'AVD-KSV-0051', 'KSV051', 'AVD-KSV-0052', 'KSV052', 'CKV_K8S_157', 'CKV_K8S_158'],
  check: (ctx) => perPolicyRule(ctx, (r) => {
    for (const res of ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings']) {
      if (grants(r, res, ['escalate', 'bind'], 'rbac.authorization.k8s.io')) return `rule grants escalate/bind on ${res}`;
    }
    return false;
  }),
});

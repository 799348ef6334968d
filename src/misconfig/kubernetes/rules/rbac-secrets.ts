import { rule } from '../../types.js';
import type { K8sCtx } from '../objects.js';
import { perPolicyRule, grants } from '../rbac.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-052', slug: 'rbac-secrets', type: 'kubernetes', severity: 'HIGH',
  title: 'Role can read or change Secrets',
  why: 'Reading Secrets usually means reading service account tokens and credentials: a step to cluster takeover.',
  fix: 'Restrict to the named secret with `resourceNames`, or remove access.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets'],
  aliases: ['AVD-KSV-0041', 'KSV041', 'AVD-KSV-0113', 'KSV113'],
  check: (ctx) => perPolicyRule(ctx, (r) => r.resourceNames.length === 0 && grants(r, 'secrets', ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection']) && `rule grants ${r.verbs.join(',')} on secrets`),
});

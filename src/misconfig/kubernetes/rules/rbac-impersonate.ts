import { rule } from '../../types.js';
import type { K8sCtx } from '../objects.js';
import { perPolicyRule, grants } from '../rbac.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-094', slug: 'rbac-impersonate', type: 'kubernetes', severity: 'CRITICAL',
  title: 'Role can impersonate users, groups or service accounts',
  why: 'Impersonation lets a subject act as anyone, including members of system:masters.',
  fix: 'Remove the impersonate verb; grant it only to audited break-glass identities.',
  references: ['https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation'],
  aliases: ['AVD-KSV-0043', 'KSV043'],
  check: (ctx) => perPolicyRule(ctx, (r) => ['users', 'groups', 'serviceaccounts', 'userextras'].some((x) => grants(r, x, ['impersonate'])) && 'rule grants impersonate'),
});

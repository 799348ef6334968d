import { rule } from '../../types.js';
import { onObject, nsOf, type K8sCtx, type K8sObject, ofKind } from '../objects.js';

const ALL_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
/** Bindings the cluster creates itself; flagging them is noise. */
export const defaultRbacName = (n: string) => n === 'cluster-admin' || n.startsWith('system:') || n === 'gce:podsecuritypolicy:calico-sa';

/** A Role/ClusterRole with a rule granting every verb on every resource of every group. */
export function isAllPowerful(role: K8sObject): boolean {
  const rules = Array.isArray(role.value.rules) ? role.value.rules : [];
  return rules.some((r: { apiGroups?: string[]; resources?: string[]; verbs?: string[] }) =>
    (r?.apiGroups ?? []).includes('*') && (r?.resources ?? []).includes('*') &&
    ((r?.verbs ?? []).includes('*') || ALL_VERBS.every((v) => (r?.verbs ?? []).includes(v))));
}

export default rule<K8sCtx>({
  id: 'CG-K8S-057', slug: 'cluster-admin-binding', type: 'kubernetes', severity: 'HIGH',
  title: 'Binding to cluster-admin or an all-powerful role',
  why: 'cluster-admin (or any role with * on *) is unrestricted: whoever holds the binding owns the cluster or namespace.',
  fix: 'Bind a Role with the exact permissions the subject needs.',
  references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles'],
  aliases: ['AVD-KSV-0111', 'KSV111', 'kube-linter/cluster-admin-role-binding', 'polaris/clusterrolebindingClusterAdmin', 'polaris/rolebindingClusterAdminClusterRole', 'polaris/rolebindingClusterAdminRole'],
  check(ctx) {
    const o = ctx.obj;
    if (o.kind !== 'ClusterRoleBinding' && o.kind !== 'RoleBinding') return [];
    if (defaultRbacName(o.name)) return [];
    const ref = o.value.roleRef ?? {};
    if (ref.name === 'cluster-admin') return [onObject(ctx, ['roleRef', 'name'], 'binds cluster-admin')];
    const role = ofKind(ctx.all, ref.kind).find((r) => r.name === ref.name && (r.kind === 'ClusterRole' || nsOf(r) === nsOf(o)));
    return role && isAllPowerful(role) ? [onObject(ctx, ['roleRef', 'name'], `binds ${ref.kind} ${ref.name}, which grants * on *`)] : [];
  },
});

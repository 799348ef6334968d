import { nsOf, onObject, type K8sCtx, type K8sObject, type Any } from './objects.js';
import type { Issue } from '../types.js';

export interface RbacRule { i: number; apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames: string[] }

/** The PolicyRules of a Role / ClusterRole (empty for anything else). */
export function policyRules(ctx: K8sCtx): RbacRule[] {
  return rulesOf(ctx.obj);
}

function rulesOf(o: K8sObject): RbacRule[] {
  if (o.kind !== 'Role' && o.kind !== 'ClusterRole') return [];
  const rules: Any[] = Array.isArray(o.value.rules) ? o.value.rules : [];
  return rules.map((r, i) => ({
    i,
    apiGroups: (r?.apiGroups ?? []).map(String),
    resources: (r?.resources ?? []).map(String),
    verbs: (r?.verbs ?? []).map(String),
    resourceNames: (r?.resourceNames ?? []).map(String),
  }));
}

const has = (list: string[], x: string) => list.includes('*') || list.includes(x);

/** Does the rule grant any of `verbs` on `resource` (core group unless `group` is given)? */
export function grants(r: RbacRule, resource: string, verbs: string[], group = ''): boolean {
  const [res, sub] = resource.split('/');
  const resOk = r.resources.includes('*') || r.resources.includes(resource) || (!sub && r.resources.includes(res)) ||
    (sub !== undefined && (r.resources.includes(`${res}/*`) || r.resources.includes(`*/${sub}`)));
  return has(r.apiGroups, group) && resOk && verbs.some((v) => has(r.verbs, v));
}

/** Does any rule of the role grant it (permissions add up across rules)? */
export const roleGrants = (rules: RbacRule[], resource: string, verbs: string[], group = '') => rules.some((r) => grants(r, resource, verbs, group));

/**
 * The rules a RoleBinding / ClusterRoleBinding grants: those of the Role (same namespace) or
 * ClusterRole it references, when that role is in the scan (kube-linter judges bindings this way).
 */
export function boundRules(ctx: K8sCtx): RbacRule[] {
  const o = ctx.obj;
  if (o.kind !== 'RoleBinding' && o.kind !== 'ClusterRoleBinding') return [];
  const ref = o.value.roleRef ?? {};
  const role = ctx.all.find((r) => r.kind === ref.kind && r.name === ref.name && (r.kind === 'ClusterRole' || nsOf(r) === nsOf(o)));
  return role ? rulesOf(role) : [];
}

/** One issue per offending PolicyRule. */
export function perPolicyRule(ctx: K8sCtx, pred: (r: RbacRule) => string | false): Issue[] {
  return policyRules(ctx).flatMap((r) => { const m = pred(r); return m ? [onObject(ctx, ['rules', r.i], m)] : []; });
}

import { isObj, nsOf, ofKindIn, podOf, selects, type K8sObject } from './objects.js';

/**
 * NetworkPolicy semantics (kubernetes.io/docs/concepts/services-networking/network-policies):
 * a policy applies to pods of its own namespace matched by spec.podSelector, where an empty
 * selector `{}` matches every pod. policyTypes, when omitted, is [Ingress] plus Egress if the
 * policy has an `egress` section. A pod is isolated for a direction as soon as one policy of that
 * type selects it; a default deny is a policy selecting all pods with that type and no rules.
 */
export function policyTypes(np: K8sObject): Set<'Ingress' | 'Egress'> {
  const spec = np.value.spec ?? {};
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length) {
    return new Set(spec.policyTypes.filter((t: string) => t === 'Ingress' || t === 'Egress'));
  }
  const s = new Set<'Ingress' | 'Egress'>(['Ingress']);
  if (spec.egress !== undefined && spec.egress !== null) s.add('Egress');
  return s;
}

// Calico and Cilium have their own NetworkPolicy kinds with other schemas.
export const isNetworkPolicy = (o: K8sObject) => o.kind === 'NetworkPolicy' && !/projectcalico|cilium/.test(o.apiVersion);

const selectsAll = (sel: unknown) => sel === undefined || sel === null || (isObj(sel) && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);

export function policySelects(np: K8sObject, labels: Record<string, string>): boolean {
  const sel = np.value.spec?.podSelector;
  return selectsAll(sel) || selects(sel, labels);
}

/** The policies (same namespace) that select a workload's pods, per direction. */
export function coverage(w: K8sObject, all: K8sObject[]): { ingress: boolean; egress: boolean; selected: boolean } {
  const labels = (podOf(w)?.meta?.labels ?? {}) as Record<string, string>;
  let ingress = false;
  let egress = false;
  let selected = false;
  for (const np of ofKindIn(all, 'NetworkPolicy', nsOf(w))) {
    if (!isNetworkPolicy(np) || !policySelects(np, labels)) continue;
    selected = true;
    const t = policyTypes(np);
    if (t.has('Ingress')) ingress = true;
    if (t.has('Egress')) egress = true;
  }
  return { ingress, egress, selected };
}

/** Whether the namespace has a default-deny policy for the direction (all pods, that type, no rules). */
export function defaultDeny(ns: string, all: K8sObject[], dir: 'Ingress' | 'Egress'): boolean {
  return ofKindIn(all, 'NetworkPolicy', ns).some((np) => {
    if (!isNetworkPolicy(np) || !selectsAll(np.value.spec?.podSelector)) return false;
    if (!policyTypes(np).has(dir)) return false;
    const rules = np.value.spec?.[dir === 'Ingress' ? 'ingress' : 'egress'];
    return !Array.isArray(rules) || rules.length === 0;
  });
}

import { rule } from '../../types.js';
import { onObject, nsOf, workloads, type K8sCtx, ofKind } from '../objects.js';
import { defaultDeny } from '../netpol.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-061', slug: 'namespace-default-deny', type: 'kubernetes', severity: 'LOW',
  title: 'Namespace without default-deny NetworkPolicies',
  why: 'Without a default deny every new workload starts open; allow-lists only protect what someone remembered to list.',
  fix: 'Add `kind: NetworkPolicy` with `podSelector: {}`, `policyTypes: [Ingress, Egress]` and no rules, then allow what is needed.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies'],
  aliases: [],
  check(ctx) {
    const o = ctx.obj;
    let ns: string;
    if (o.kind === 'Namespace') ns = o.name;
    else {
      // Reported once per namespace: on its Namespace object if scanned, else on its first workload.
      const ws = workloads(ctx.all);
      ns = nsOf(o);
      if (ws[0] === undefined || !ws.includes(o) || ws.find((w) => nsOf(w) === ns) !== o) return [];
      if (ofKind(ctx.all, 'Namespace').some((x) => x.name === ns)) return [];
    }
    const miss = (['Ingress', 'Egress'] as const).filter((d) => !defaultDeny(ns, ctx.all, d));
    return miss.length ? [onObject(ctx, ['metadata'], `namespace ${ns} has no default-deny ${miss.join(' and ')} NetworkPolicy`)] : [];
  },
});

import { rule } from '../../types.js';
import { onObject, podOf, selects, nsOf, type K8sCtx, type Any } from '../objects.js';
import { replicated } from './_replicas.js';

/** A term that actually keeps replicas apart: per node (hostname), selecting the pods themselves. */
function spreadsOwnPods(term: Any, ns: string, labels: Record<string, string>): boolean {
  if (!term || typeof term !== 'object') return false;
  if (Array.isArray(term.namespaces) && term.namespaces.length && !term.namespaces.includes(ns)) return false;
  return term.topologyKey === 'kubernetes.io/hostname' && selects(term.labelSelector ?? {}, labels);
}

export default rule<K8sCtx>({
  id: 'CG-K8S-067', slug: 'anti-affinity', type: 'kubernetes', severity: 'LOW',
  title: 'Replicas may all land on one node (no pod anti-affinity)',
  why: 'Without a podAntiAffinity term on kubernetes.io/hostname that selects its own pods, one node failure can take down every replica.',
  fix: 'Add `affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution` with `topologyKey: kubernetes.io/hostname` and a labelSelector matching the pod labels.',
  references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity'],
  aliases: ['kube-linter/no-anti-affinity'],
  check(ctx) {
    const n = replicated(ctx.obj);
    const pod = podOf(ctx.obj);
    if (!pod || n === undefined || n < 2) return [];
    const anti = pod.spec.affinity?.podAntiAffinity;
    const terms: Any[] = [...(anti?.requiredDuringSchedulingIgnoredDuringExecution ?? []), ...(anti?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((p: Any) => p?.podAffinityTerm)];
    const labels = pod.meta.labels ?? {};
    if (terms.some((t) => spreadsOwnPods(t, nsOf(ctx.obj), labels))) return [];
    return [onObject(ctx, anti ? [...pod.specPath, 'affinity', 'podAntiAffinity'] : pod.specPath,
      anti ? `${n} replicas but no anti-affinity term on kubernetes.io/hostname selects the pods` : `${n} replicas without pod anti-affinity`)];
  },
});

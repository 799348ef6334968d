import { rule } from '../../types.js';
import { perPod, type K8sCtx } from '../objects.js';

/** Namespaced sysctl families that can still starve or confuse the node (kube-linter's list). */
const PREFIXES = ['kernel.msg', 'kernel.sem', 'kernel.shm', 'fs.mqueue.', 'net.'];

export default rule<K8sCtx>({
  id: 'CG-K8S-103', slug: 'namespaced-sysctls', type: 'kubernetes', severity: 'LOW',
  title: 'Pod sets IPC or network sysctls',
  why: 'IPC (kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*) and net.* sysctls change resource limits and network behaviour; wrong values make containers misbehave in ways that are hard to trace.',
  fix: 'Remove the sysctl, or document and review why the workload needs it.',
  references: ['https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/'],
  aliases: ['kube-linter/unsafe-sysctls'],
  check: (ctx) => perPod(ctx, (p) => {
    const list: { name?: string }[] = Array.isArray(p.spec.securityContext?.sysctls) ? p.spec.securityContext.sysctls : [];
    const i = list.findIndex((s) => PREFIXES.some((x) => String(s?.name ?? '').startsWith(x)));
    return i >= 0 && { path: [...p.specPath, 'securityContext', 'sysctls', i], message: `sets sysctl ${list[i].name}` };
  }),
});

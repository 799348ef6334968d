import { rule } from '../../types.js';
import { perContainer, effective, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-101', slug: 'run-as-non-root-group', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Container not pinned to a non-root user and group',
  why: 'A non-root user with the root group (GID 0, the default when runAsGroup is unset) can still write every root-group file; set both.',
  fix: 'Set `securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001 }`.',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  aliases: [], // stricter than kube-linter's run-as-non-root (CG-K8S-011 answers for that): the group too
  check: (ctx) => perContainer(ctx, (c, p) => {
    const u = effective(c, p, 'runAsUser');
    const g = effective(c, p, 'runAsGroup');
    const nonRoot = effective(c, p, 'runAsNonRoot').value === true;
    const pos = (x: unknown) => typeof x === 'number' && x > 0;
    if (pos(u.value) && pos(g.value)) return false;
    if (pos(g.value) && nonRoot && u.value !== 0) return false;
    if (g.value === 0) return { path: g.path, message: 'runs with runAsGroup 0' };
    if (g.value === undefined) return { path: c.path, message: 'does not set runAsGroup' };
    return { path: u.value === 0 ? u.path : c.path, message: nonRoot ? 'sets runAsNonRoot but runAsUser 0' : 'is not set to runAsNonRoot' };
  }),
});

import { rule } from '../../types.js';
import { perPod, containersOf, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-015', slug: 'root-group', type: 'kubernetes', severity: 'LOW',
  title: 'Pod runs with GID 0 (root group)',
  why: 'Files owned by the root group become writable to the process.',
  fix: 'Use non-zero runAsGroup, fsGroup and supplementalGroups.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
  aliases: ['AVD-KSV-0116', 'KSV116'],
  check: (ctx) => perPod(ctx, (p) => {
    const sc = p.spec.securityContext ?? {};
    if (sc.runAsGroup === 0) return { path: [...p.specPath, 'securityContext', 'runAsGroup'], message: 'sets runAsGroup: 0' };
    if (sc.fsGroup === 0) return { path: [...p.specPath, 'securityContext', 'fsGroup'], message: 'sets fsGroup: 0' };
    if ((sc.supplementalGroups ?? []).includes(0)) return { path: [...p.specPath, 'securityContext', 'supplementalGroups'], message: 'has supplemental group 0' };
    const c = containersOf(p).find((x) => x.c.securityContext?.runAsGroup === 0);
    return c && { path: [...c.path, 'securityContext', 'runAsGroup'], message: `container "${c.name}" sets runAsGroup: 0` };
  }),
});

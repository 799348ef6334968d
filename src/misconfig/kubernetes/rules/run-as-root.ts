import { rule } from '../../types.js';
import { perContainer, effective, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-011', slug: 'run-as-root', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Container may run as root',
  why: 'Without runAsNonRoot: true (or a non-zero runAsUser), the image decides, and most images run as root. Required by Pod Security Standards restricted.',
  fix: 'Set `securityContext: { runAsNonRoot: true, runAsUser: 10001 }` at pod or container level.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  aliases: ['AVD-KSV-0012', 'KSV012', 'CKV_K8S_23', 'polaris/runAsRootAllowed', 'kube-linter/run-as-non-root'],
  check: (ctx) => perContainer(ctx, (c, p) => {
    const nonRoot = effective(c, p, 'runAsNonRoot');
    const user = effective(c, p, 'runAsUser');
    if (nonRoot.value === true && user.value !== 0) return false;
    if (nonRoot.value !== false && typeof user.value === 'number' && user.value > 0) return false;
    return { path: nonRoot.value === false ? nonRoot.path : c.path, message: 'may run as root (no runAsNonRoot: true or runAsUser > 0)' };
  }),
});

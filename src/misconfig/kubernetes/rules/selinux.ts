import { rule } from '../../types.js';
import { perContainer, effective, type K8sCtx } from '../objects.js';

const ALLOWED_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

export default rule<K8sCtx>({
  id: 'CG-K8S-033', slug: 'selinux', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Custom SELinux options',
  why: 'Pod Security Standards baseline forbids custom SELinux users/roles and types other than the container ones.',
  fix: 'Remove `seLinuxOptions` or keep type to container_t.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  aliases: ['AVD-KSV-0025', 'KSV025'],
  check: (ctx) => perContainer(ctx, (c, p) => {
    const o = effective(c, p, 'seLinuxOptions');
    if (!o.value) return false;
    const bad = o.value.user || o.value.role || !ALLOWED_TYPES.includes(String(o.value.type ?? ''));
    return bad && { path: o.path, message: 'sets custom seLinuxOptions' };
  }),
});

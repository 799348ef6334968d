import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-059', slug: 'default-sa-binding', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Role bound to the default service account',
  why: 'Every pod without its own account gets the default one, and with it this role.',
  fix: 'Bind a dedicated ServiceAccount.',
  references: ['https://kubernetes.io/docs/concepts/security/service-accounts/'],
  aliases: ['CKV_K8S_42'],
  check(ctx) {
    if (ctx.obj.kind !== 'ClusterRoleBinding' && ctx.obj.kind !== 'RoleBinding') return [];
    const subjects: { kind?: string; name?: string }[] = Array.isArray(ctx.obj.value.subjects) ? ctx.obj.value.subjects : [];
    const i = subjects.findIndex((s) => s?.kind === 'ServiceAccount' && s?.name === 'default');
    return i >= 0 ? [onObject(ctx, ['subjects', i], 'binds the default ServiceAccount')] : [];
  },
});

import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

const GROUPS = ['system:masters', 'system:anonymous', 'system:unauthenticated', 'system:authenticated'];

export default rule<K8sCtx>({
  id: 'CG-K8S-058', slug: 'privileged-group-binding', type: 'kubernetes', severity: 'CRITICAL',
  title: 'Binding to system:masters, anonymous or all authenticated users',
  why: 'Binding to these groups grants the role to everyone (or to a group that bypasses RBAC entirely).',
  fix: 'Bind named users, groups or service accounts instead.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  aliases: ['AVD-KSV-0122', 'KSV122', 'AVD-KSV-0123', 'KSV123', 'AVD-KSV-01011', 'KSV01011'],
  check(ctx) {
    if (ctx.obj.kind !== 'ClusterRoleBinding' && ctx.obj.kind !== 'RoleBinding') return [];
    const subjects: { kind?: string; name?: string }[] = Array.isArray(ctx.obj.value.subjects) ? ctx.obj.value.subjects : [];
    const i = subjects.findIndex((s) => GROUPS.includes(String(s?.name)) || s?.kind === 'User' && s?.name === 'system:anonymous');
    return i >= 0 ? [onObject(ctx, ['subjects', i], `binds ${subjects[i].name}`)] : [];
  },
});

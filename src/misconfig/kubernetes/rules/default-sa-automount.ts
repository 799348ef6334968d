import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-041', slug: 'default-sa-automount', type: 'kubernetes', severity: 'LOW',
  title: 'Default ServiceAccount mounts its token',
  why: 'The default account is used by every pod that names none; it should not hand them API credentials.',
  fix: 'Set `automountServiceAccountToken: false` on the ServiceAccount named default.',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/'],
  aliases: ['CKV_K8S_41'],
  check: (ctx) => ctx.obj.kind === 'ServiceAccount' && ctx.obj.name === 'default' && ctx.obj.value.automountServiceAccountToken !== false
    ? [onObject(ctx, ['metadata', 'name'], 'default ServiceAccount does not set automountServiceAccountToken: false')] : [],
});

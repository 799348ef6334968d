import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';
import { boundRules, grants } from '../rbac.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-106', slug: 'binding-grants-secrets', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Binding gives its subjects access to secrets',
  why: 'Reading secrets hands over every credential in the namespace (cluster, for a ClusterRole); the binding is where that right reaches a user or service account.',
  fix: 'Bind roles that read secrets only to the components that need them, and name the secrets (resourceNames).',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=access-to-secrets'],
  aliases: ['kube-linter/access-to-secrets'],
  check(ctx) {
    const hit = boundRules(ctx).some((r) => grants(r, 'secrets', ['get', 'list', 'watch', 'create', 'delete']));
    return hit ? [onObject(ctx, ['roleRef'], `binds ${ctx.obj.value.roleRef?.name}, which can read or change secrets`)] : [];
  },
});

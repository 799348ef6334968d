import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';
import { boundRules, grants } from '../rbac.js';

const WORKLOADS: [string, string][] = [['pods', ''], ['deployments', 'apps'], ['daemonsets', 'apps'], ['statefulsets', 'apps'], ['replicasets', 'apps'], ['jobs', 'batch'], ['cronjobs', 'batch'], ['replicationcontrollers', '']];

export default rule<K8sCtx>({
  id: 'CG-K8S-105', slug: 'binding-grants-workloads', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Binding gives its subjects the right to create workloads',
  why: 'Whoever can create pods can mount any secret and run as any service account in the namespace; the binding is where that right reaches a user or service account.',
  fix: 'Bind roles that create pods or workloads only to deployment tooling.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=access-to-create-pods'],
  aliases: ['kube-linter/access-to-create-pods'],
  check(ctx) {
    const w = WORKLOADS.find(([res, g]) => boundRules(ctx).some((r) => grants(r, res, ['create'], g)));
    return w ? [onObject(ctx, ['roleRef'], `binds ${ctx.obj.value.roleRef?.name}, which can create ${w[0]}`)] : [];
  },
});

import { rule } from '../../types.js';
import type { K8sCtx } from '../objects.js';
import { perPolicyRule, grants } from '../rbac.js';

const WORKLOADS: [string, string][] = [['pods', ''], ['deployments', 'apps'], ['daemonsets', 'apps'], ['statefulsets', 'apps'], ['replicasets', 'apps'], ['jobs', 'batch'], ['cronjobs', 'batch'], ['replicationcontrollers', '']];

export default rule<K8sCtx>({
  id: 'CG-K8S-053', slug: 'rbac-create-pods', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Role can create workloads',
  why: 'Whoever can create pods can mount any secret and run as any service account in the namespace.',
  fix: 'Grant create on pods/workloads only to deployment tooling.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation'],
  aliases: ['AVD-KSV-0048', 'KSV048'],
  check: (ctx) => perPolicyRule(ctx, (r) => { const w = WORKLOADS.find(([res, g]) => grants(r, res, ['create', 'update', 'patch'], g)); return !!w && `rule grants create/update on ${w[0]}`; }),
});

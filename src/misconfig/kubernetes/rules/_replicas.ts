import type { K8sObject } from '../objects.js';

/** Workloads that run several interchangeable replicas (and their count, default 1). */
export function replicated(o: K8sObject): number | undefined {
  if (!['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Rollout', 'DeploymentConfig'].includes(o.kind)) return undefined;
  const r = o.value.spec?.replicas;
  return typeof r === 'number' ? r : r === undefined ? 1 : undefined;
}

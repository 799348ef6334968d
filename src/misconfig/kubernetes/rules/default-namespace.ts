import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'CustomResourceDefinition', 'PriorityClass', 'Node', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'APIService', 'PodSecurityPolicy', 'IngressClass', 'RuntimeClass', 'CSIDriver', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']);

export default rule<K8sCtx>({
  id: 'CG-K8S-043', slug: 'default-namespace', type: 'kubernetes', severity: 'LOW',
  title: 'Object in the default namespace',
  why: 'The default namespace mixes unrelated workloads under one set of policies, quotas and RBAC.',
  fix: 'Set `metadata.namespace: my-app`.',
  references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/'],
  aliases: ['AVD-KSV-0110', 'KSV110', 'CKV_K8S_21', 'kube-linter/use-namespace'],
  check(ctx) {
    const o = ctx.obj;
    if (CLUSTER_SCOPED.has(o.kind) || /List$/.test(o.kind)) return [];
    if (o.namespace && o.namespace !== 'default') return [];
    // Objects the cluster itself keeps in default.
    if ((o.kind === 'ServiceAccount' && o.name === 'default') || (o.kind === 'Service' && o.name === 'kubernetes')) return [];
    return [onObject(ctx, o.namespace ? ['metadata', 'namespace'] : ['metadata'], o.namespace ? 'is in the default namespace' : 'has no namespace (lands in default)')];
  },
});

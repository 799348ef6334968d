import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-028', slug: 'ephemeral-storage', type: 'kubernetes', severity: 'LOW',
  title: 'Container without ephemeral-storage limits',
  why: 'Without ephemeral-storage limits the scheduler and the kubelet cannot protect neighbours: one pod can starve the node (a denial of service).',
  fix: 'Set `resources: { limits: { ephemeral-storage: … } }` on every container.',
  references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  aliases: ['kube-linter/unset-ephemeral-storage', 'kube-score/container-ephemeral-storage-request-and-limit'],
  check: (ctx) => perContainer(ctx, (c) => {
    // A malformed resources block (a list, a string) cannot be judged either way.
    const res = c.c.resources;
    if (res !== undefined && (typeof res !== 'object' || Array.isArray(res) || (res?.requests !== undefined && (typeof res.requests !== 'object' || Array.isArray(res.requests))) || (res?.limits !== undefined && (typeof res.limits !== 'object' || Array.isArray(res.limits))))) return false;
    const v = c.c.resources?.limits?.['ephemeral-storage'];
    return (v === undefined || v === null || v === '' || v === 0 || v === '0') && { path: c.c.resources?.limits ? [...c.path, 'resources', 'limits'] : c.c.resources ? [...c.path, 'resources'] : c.path, message: 'sets no ephemeral-storage limits' };
  }, ['containers']),
});

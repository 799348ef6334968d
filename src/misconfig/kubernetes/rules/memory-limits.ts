import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-027', slug: 'memory-limits', type: 'kubernetes', severity: 'LOW',
  title: 'Container without memory limits',
  why: 'Without memory limits the scheduler and the kubelet cannot protect neighbours: one pod can starve the node (a denial of service).',
  fix: 'Set `resources: { limits: { memory: … } }` on every container.',
  references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  aliases: ['AVD-KSV-0018', 'KSV018', 'CKV_K8S_13', 'polaris/memoryLimitsMissing', 'kube-linter/unset-memory-requirements', 'kube-score/container-resources', 'kube-score/container-memory-requests-equal-limits'],
  check: (ctx) => perContainer(ctx, (c) => {
    // A malformed resources block (a list, a string) cannot be judged either way.
    const res = c.c.resources;
    if (res !== undefined && (typeof res !== 'object' || Array.isArray(res) || (res?.requests !== undefined && (typeof res.requests !== 'object' || Array.isArray(res.requests))) || (res?.limits !== undefined && (typeof res.limits !== 'object' || Array.isArray(res.limits))))) return false;
    const v = c.c.resources?.limits?.['memory'];
    return (v === undefined || v === null || v === '' || v === 0 || v === '0') && { path: c.c.resources?.limits ? [...c.path, 'resources', 'limits'] : c.c.resources ? [...c.path, 'resources'] : c.path, message: 'sets no memory limits' };
  }, ['containers']),
});

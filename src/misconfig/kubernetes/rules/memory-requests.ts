import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-026', slug: 'memory-requests', type: 'kubernetes', severity: 'LOW',
  title: 'Container without memory requests',
  why: 'Without memory requests the scheduler and the kubelet cannot protect neighbours: one pod can starve the node (a denial of service).',
  fix: 'Set `resources: { requests: { memory: … } }` on every container.',
  references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  aliases: ['AVD-KSV-0016', 'KSV016', 'CKV_K8S_12', 'polaris/memoryRequestsMissing', 'kube-score/container-resources'],
  check: (ctx) => perContainer(ctx, (c) => {
    // A malformed resources block (a list, a string) cannot be judged either way.
    const res = c.c.resources;
    if (res !== undefined && (typeof res !== 'object' || Array.isArray(res) || (res?.requests !== undefined && (typeof res.requests !== 'object' || Array.isArray(res.requests))) || (res?.limits !== undefined && (typeof res.limits !== 'object' || Array.isArray(res.limits))))) return false;
    const v = c.c.resources?.requests?.['memory'];
    return (v === undefined || v === null || v === '' || v === 0 || v === '0') && { path: c.c.resources?.requests ? [...c.path, 'resources', 'requests'] : c.c.resources ? [...c.path, 'resources'] : c.path, message: 'sets no memory requests' };
  }, ['containers']),
});

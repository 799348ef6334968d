import { rule } from '../../types.js';
import { perPod, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-006', slug: 'host-path', type: 'kubernetes', severity: 'MEDIUM',
  title: 'hostPath volume',
  why: 'hostPath exposes the node filesystem to the pod; a write can tamper with the node or other pods. Forbidden by Pod Security Standards baseline.',
  fix: 'Use a PersistentVolumeClaim, configMap, secret or emptyDir instead.',
  references: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
  aliases: ['AVD-KSV-0023', 'KSV023', 'polaris/hostPathSet'],
  check: (ctx) => perPod(ctx, (p) => {
    const i = (p.spec.volumes ?? []).findIndex((v: { hostPath?: unknown }) => v?.hostPath);
    return i >= 0 && { path: [...p.specPath, 'volumes', i, 'hostPath'], message: `mounts hostPath ${p.spec.volumes[i].hostPath?.path ?? ''}` };
  }),
});

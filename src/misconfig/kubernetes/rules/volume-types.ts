import { rule } from '../../types.js';
import { perPod, type K8sCtx } from '../objects.js';

const ALLOWED = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret', 'name'];

export default rule<K8sCtx>({
  id: 'CG-K8S-036', slug: 'volume-types', type: 'kubernetes', severity: 'LOW',
  title: 'Volume type not allowed by Pod Security Standards restricted',
  why: 'Restricted allows only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes.',
  fix: 'Use a PersistentVolumeClaim or CSI volume instead.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  aliases: ['AVD-KSV-0028', 'KSV028'],
  check: (ctx) => perPod(ctx, (p) => {
    const vols: Record<string, unknown>[] = p.spec.volumes ?? [];
    for (let i = 0; i < vols.length; i++) {
      const bad = Object.keys(vols[i] ?? {}).find((k) => !ALLOWED.includes(k));
      if (bad) return { path: [...p.specPath, 'volumes', i, bad], message: `uses volume type ${bad}` };
    }
    return false;
  }),
});

import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-009', slug: 'writable-host-mount', type: 'kubernetes', severity: 'MEDIUM',
  title: 'hostPath mounted writable',
  why: 'A writable host mount lets the container change node files.',
  fix: 'Add `readOnly: true` to the volumeMount.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=writable-host-mount'],
  aliases: ['kube-linter/writable-host-mount'],
  check: (ctx) => perContainer(ctx, (c, p) => {
    const hostVols = new Set((p.spec.volumes ?? []).filter((v: { hostPath?: unknown }) => v?.hostPath).map((v: { name?: string }) => v.name));
    const i = (c.c.volumeMounts ?? []).findIndex((m: { name?: string; readOnly?: boolean }) => hostVols.has(m?.name) && m.readOnly !== true);
    return i >= 0 && { path: [...c.path, 'volumeMounts', i], message: `mounts host volume "${c.c.volumeMounts[i].name}" writable` };
  }),
});

import { rule } from '../../types.js';
import { podOf, onObject, type K8sCtx } from '../objects.js';

// The system directories themselves (kube-linter's list); narrower mounts are hostPath / docker-socket findings.
const SENSITIVE = /^\/(boot|dev|etc|lib|proc|sys|usr)?$/;

export default rule<K8sCtx>({
  id: 'CG-K8S-008', slug: 'sensitive-host-mount', type: 'kubernetes', severity: 'HIGH',
  title: 'Sensitive host directory mounted',
  why: 'Mounting /, /etc, /proc, /sys, /var/run, the kubelet or runtime directories gives the pod credentials and control of the node.',
  fix: 'Mount only the narrow path you need, read-only, or use a CSI volume.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=sensitive-host-mounts'],
  aliases: ['kube-linter/sensitive-host-mounts'],
  check(ctx) {
    const p = podOf(ctx.obj);
    if (!p) return [];
    return (p.spec.volumes ?? []).flatMap((v: { hostPath?: { path?: string } }, i: number) => {
      const hp = String(v?.hostPath?.path ?? '');
      return hp && SENSITIVE.test(hp.replace(/\/+$/, '') || '/') ? [onObject(ctx, [...p.specPath, 'volumes', i, 'hostPath', 'path'], `mounts sensitive host path ${hp}`)] : [];
    });
  },
});

import { rule } from '../../types.js';
import { podOf, onObject, type K8sCtx } from '../objects.js';

const SOCKETS = /docker\.sock$|^\/(var\/)?run\/(containerd\/containerd|crio\/crio|podman\/podman)\.sock$/;

export default rule<K8sCtx>({
  id: 'CG-K8S-007', slug: 'docker-socket', type: 'kubernetes', severity: 'HIGH',
  title: 'Container runtime socket mounted',
  why: 'Whoever talks to the Docker/containerd socket can start privileged containers: full control of the node.',
  fix: 'Do not mount /var/run/docker.sock; build images with rootless tools (BuildKit rootless, kaniko).',
  references: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
  aliases: ['AVD-KSV-0006', 'KSV006', 'CKV_K8S_27', 'kube-linter/docker-sock'],
  check(ctx) {
    const p = podOf(ctx.obj);
    if (!p) return [];
    return (p.spec.volumes ?? []).flatMap((v: { hostPath?: { path?: string } }, i: number) => {
      const hp = String(v?.hostPath?.path ?? '').replace(/\/+$/, '');
      return SOCKETS.test(hp) ? [onObject(ctx, [...p.specPath, 'volumes', i, 'hostPath', 'path'], `mounts the container runtime socket ${hp}`)] : [];
    });
  },
});

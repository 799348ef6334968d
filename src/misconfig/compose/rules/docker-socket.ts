import { rule } from '../../types.js';
import { perService, type ComposeCtx } from '../context.js';
import { volumeOf } from '../context.js';

export default rule<ComposeCtx>({
  id: 'CG-DC-004', slug: 'compose-docker-socket', type: 'compose', severity: 'HIGH',
  title: 'Docker socket mounted into a service',
  why: 'Whoever talks to the Docker socket controls the host: they can start a privileged container mounting /.',
  fix: 'Do not mount /var/run/docker.sock; if a tool needs the API, use a filtering socket proxy with read-only endpoints.',
  references: ['https://docs.docker.com/engine/security/#docker-daemon-attack-surface'],
  aliases: ['AVD-KSV-0006'],
  check: (ctx) => perService(ctx, (s) => {
    const vols = Array.isArray(s.value.volumes) ? s.value.volumes : [];
    const i = vols.findIndex((v: unknown) => /^\/(var\/)?run\/(docker|containerd\/containerd|podman\/podman)\.sock$/.test(volumeOf(v)?.source ?? ''));
    return i >= 0 && { path: ['volumes', i], message: `mounts the container runtime socket ${volumeOf(vols[i])?.source}` };
  }),
});

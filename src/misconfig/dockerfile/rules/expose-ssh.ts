import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export const exposedPorts = (args: string) =>
  args.split(/\s+/).filter(Boolean).map((p) => { const [port, proto] = p.split('/'); return { port, proto: proto?.toLowerCase() ?? 'tcp' }; });

export default rule<DockerfileCtx>({
  id: 'CG-DF-005', slug: 'expose-ssh', type: 'dockerfile', severity: 'MEDIUM',
  title: 'Port 22 (SSH) exposed',
  why: 'An SSH daemon in a container is an extra way in, with its own keys and patches to manage; use `docker exec` / `kubectl exec` instead.',
  fix: 'Remove `EXPOSE 22` and the SSH server.',
  references: ['https://docs.docker.com/reference/dockerfile/#expose'],
  aliases: ['AVD-DS-0004', 'CKV_DOCKER_1'],
  check(ctx) {
    return ctx.instructions
      .filter((i) => i.keyword === 'EXPOSE' && exposedPorts(i.args).some((p) => p.port === '22' || /^(\d+)-(\d+)$/.test(p.port) && inRange(p.port)))
      .map((i) => ({ message: 'EXPOSE includes port 22', line: i.line }));
  },
});

function inRange(r: string) {
  const [a, b] = r.split('-').map(Number);
  return a <= 22 && 22 <= b;
}

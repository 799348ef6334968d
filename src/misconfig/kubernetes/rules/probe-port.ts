import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

const PROBES: [string, string][] = [['livenessProbe', 'kube-linter/liveness-port'], ['readinessProbe', 'kube-linter/readiness-port'], ['startupProbe', 'kube-linter/startup-port']];

export default rule<K8sCtx>({
  id: 'CG-K8S-069', slug: 'probe-port', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Probe targets a port the container does not expose',
  why: 'A probe on a named port that does not exist always fails: the pod restarts forever or never gets traffic.',
  fix: 'Point the probe at a declared containerPort (name or number).',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'],
  aliases: PROBES.map(([, a]) => a),
  check: (ctx) => perContainer(ctx, (c) => {
    const ports: { name?: string; containerPort?: number }[] = c.c.ports ?? [];
    for (const [probe] of PROBES) {
      const p = c.c[probe];
      // httpGet: the port must be declared, by number or name (kube-linter's rule). tcpSocket/grpc:
      // only a named port can be missing (a number works whether declared or not).
      const http = p?.httpGet?.port;
      const port = http ?? p?.tcpSocket?.port ?? p?.grpc?.port;
      if (port === undefined || (http === undefined && typeof port === 'number')) continue;
      const ok = typeof port === 'number' ? ports.some((x) => x.containerPort === port) : ports.some((x) => x.name === port || String(x.containerPort) === port);
      if (!ok) return { path: [...c.path, probe], message: `${probe} uses port ${port}, which the container does not declare` };
    }
    return false;
  }, ['containers']),
});

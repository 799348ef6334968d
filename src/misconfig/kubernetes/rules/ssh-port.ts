import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-064', slug: 'ssh-port', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Container exposes port 22 (SSH)',
  why: 'An SSH server in a pod is another way in with its own credentials; use kubectl exec.',
  fix: 'Remove the SSH server and containerPort 22.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=ssh-port'],
  aliases: ['kube-linter/ssh-port'],
  check: (ctx) => perContainer(ctx, (c) => { const i = (c.c.ports ?? []).findIndex((p: { containerPort?: number; protocol?: string }) => p?.containerPort === 22 && (p.protocol ?? 'TCP').toUpperCase() === 'TCP'); return i >= 0 && { path: [...c.path, 'ports', i], message: 'exposes port 22' }; }),
});

import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-065', slug: 'privileged-ports', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Container listens on a privileged port (< 1024)',
  why: 'Binding ports below 1024 needs root or NET_BIND_SERVICE; a non-root design avoids both.',
  fix: 'Listen on a port ≥ 1024 and map it in the Service: `port: 80, targetPort: 8080`.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=privileged-ports'],
  aliases: ['kube-linter/privileged-ports', 'AVD-KSV-0117', 'KSV117'],
  check: (ctx) => perContainer(ctx, (c) => { const i = (c.c.ports ?? []).findIndex((p: { containerPort?: number }) => typeof p?.containerPort === 'number' && p.containerPort > 0 && p.containerPort < 1024); return i >= 0 && { path: [...c.path, 'ports', i], message: `listens on privileged port ${c.c.ports[i].containerPort}` }; }),
});

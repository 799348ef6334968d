import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-034', slug: 'proc-mount', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Unmasked /proc (procMount other than Default)',
  why: 'procMount: Unmasked exposes kernel information and knobs masked by default. Forbidden by Pod Security Standards baseline.',
  fix: 'Remove `procMount` or set it to Default.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  aliases: ['AVD-KSV-0027', 'KSV027', 'polaris/procMount', 'kube-linter/unsafe-proc-mount'],
  check: (ctx) => perContainer(ctx, (c) => c.c.securityContext?.procMount !== undefined && c.c.securityContext.procMount !== 'Default' && { path: [...c.path, 'securityContext', 'procMount'], message: `sets procMount ${c.c.securityContext.procMount}` }),
});

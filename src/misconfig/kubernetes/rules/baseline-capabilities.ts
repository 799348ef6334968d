import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

/** The capabilities Pod Security Standards baseline lets a container add (the runtime's default set). */
const BASELINE = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];

export default rule<K8sCtx>({
  id: 'CG-K8S-098', slug: 'baseline-capabilities', type: 'kubernetes', severity: 'HIGH',
  title: 'Capability outside the Pod Security Standards baseline set',
  why: 'Baseline forbids adding capabilities beyond the runtime default set; anything else (NET_ADMIN, SYS_PTRACE, BPF…) is rejected by a baseline namespace.',
  fix: 'Remove the capability from `securityContext.capabilities.add`.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  aliases: [],
  check: (ctx) => perContainer(ctx, (c) => {
    const add: string[] = (c.c.securityContext?.capabilities?.add ?? []).map((x: string) => String(x).toUpperCase().replace(/^CAP_/, ''));
    const bad = add.filter((x) => !BASELINE.includes(x));
    return bad.length > 0 && { path: [...c.path, 'securityContext', 'capabilities', 'add'], message: `adds ${bad.join(', ')}, outside the baseline set` };
  }),
});

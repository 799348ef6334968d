import { rule } from '../../types.js';
import { perPod, type K8sCtx } from '../objects.js';

const SAFE = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];

export default rule<K8sCtx>({
  id: 'CG-K8S-035', slug: 'unsafe-sysctls', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Unsafe sysctls set',
  why: 'Sysctls outside the safe set affect the whole node. Forbidden by Pod Security Standards baseline.',
  fix: 'Remove the sysctl or use only the safe set.',
  references: ['https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/'],
  aliases: ['AVD-KSV-0026', 'KSV026'],
  check: (ctx) => perPod(ctx, (p) => {
    const list: { name?: string }[] = p.spec.securityContext?.sysctls ?? [];
    const i = list.findIndex((s) => !SAFE.includes(String(s?.name)));
    return i >= 0 && { path: [...p.specPath, 'securityContext', 'sysctls', i], message: `sets unsafe sysctl ${list[i].name}` };
  }),
});

import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

const DANGEROUS = ['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'SYS_BOOT', 'DAC_READ_SEARCH', 'BPF', 'PERFMON', 'SYS_TIME'];

export default rule<K8sCtx>({
  id: 'CG-K8S-020', slug: 'dangerous-capabilities', type: 'kubernetes', severity: 'HIGH',
  title: 'Dangerous capability added (SYS_ADMIN, NET_ADMIN, SYS_MODULE, ALL…)',
  why: 'These capabilities are near-root on the node: mounting filesystems, loading kernel modules, reconfiguring networking.',
  fix: 'Remove the capability; redesign the workload so it does not need it.',
  references: ['https://man7.org/linux/man-pages/man7/capabilities.7.html'],
  aliases: ['AVD-KSV-0005', 'KSV005', 'AVD-KSV-0120', 'KSV120', 'CKV_K8S_39', 'polaris/dangerousCapabilities'],
  check: (ctx) => perContainer(ctx, (c) => {
    const add: string[] = (c.c.securityContext?.capabilities?.add ?? []).map((x: string) => String(x).toUpperCase().replace(/^CAP_/, ''));
    const bad = add.filter((x) => DANGEROUS.includes(x));
    return bad.length > 0 && { path: [...c.path, 'securityContext', 'capabilities', 'add'], message: `adds ${bad.join(', ')}` };
  }, ['containers', 'initContainers']),
});

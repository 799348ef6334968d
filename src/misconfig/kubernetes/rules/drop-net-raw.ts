import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-018', slug: 'drop-net-raw', type: 'kubernetes', severity: 'MEDIUM',
  title: 'NET_RAW capability not dropped',
  why: 'NET_RAW lets a process craft packets: ARP/DNS spoofing of neighbours on the node network.',
  fix: 'Set `capabilities.drop: [ALL]` (or at least NET_RAW).',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=drop-net-raw-capability'],
  aliases: ['CKV_K8S_28', 'kube-linter/drop-net-raw-capability', 'AVD-KSV-0119', 'KSV119'],
  check: (ctx) => perContainer(ctx, (c) => {
    const caps = c.c.securityContext?.capabilities ?? {};
    const drop: string[] = (caps.drop ?? []).map((x: string) => String(x).toUpperCase().replace(/^CAP_/, ''));
    const add: string[] = (caps.add ?? []).map((x: string) => String(x).toUpperCase().replace(/^CAP_/, ''));
    if (add.includes('NET_RAW') || add.includes('ALL')) return { path: [...c.path, 'securityContext', 'capabilities', 'add'], message: 'adds NET_RAW' };
    return !drop.includes('ALL') && !drop.includes('NET_RAW') && { path: caps.drop ? [...c.path, 'securityContext', 'capabilities', 'drop'] : c.path, message: 'does not drop NET_RAW' };
  }, ['containers', 'initContainers']),
});

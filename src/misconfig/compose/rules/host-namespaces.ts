import { rule } from '../../types.js';
import { perService, type ComposeCtx } from '../context.js';

export default rule<ComposeCtx>({
  id: 'CG-DC-003', slug: 'compose-host-namespaces', type: 'compose', severity: 'HIGH',
  title: 'Service shares a host namespace (network, PID, IPC, UTS or user)',
  why: 'Host namespaces let the container see host processes and traffic and reach host-only services.',
  fix: 'Remove `network_mode: host`, `pid: host`, `ipc: host`, `uts: host`, `userns_mode: host`.',
  references: ['https://docs.docker.com/reference/compose-file/services/#network_mode'],
  aliases: ['AVD-KSV-0009', 'AVD-KSV-0010', 'AVD-KSV-0008'],
  check: (ctx) => perService(ctx, (s) => {
    for (const k of ['network_mode', 'pid', 'ipc', 'uts', 'userns_mode']) if (s.value[k] === 'host') return { path: [k], message: `sets ${k}: host` };
    return false;
  }),
});

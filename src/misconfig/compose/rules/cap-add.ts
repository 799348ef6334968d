import { rule } from '../../types.js';
import { perService, type ComposeCtx } from '../context.js';

export default rule<ComposeCtx>({
  id: 'CG-DC-002', slug: 'compose-cap-add', type: 'compose', severity: 'MEDIUM',
  title: 'Service adds Linux capabilities',
  why: 'Added capabilities (SYS_ADMIN, NET_ADMIN, ALL…) widen what a compromised process can do on the host.',
  fix: 'Remove `cap_add`, or keep only NET_BIND_SERVICE, and add `cap_drop: [ALL]`.',
  references: ['https://docs.docker.com/reference/compose-file/services/#cap_add'],
  aliases: ['AVD-KSV-0022'],
  check: (ctx) => perService(ctx, (s) => {
    const add: string[] = Array.isArray(s.value.cap_add) ? s.value.cap_add.map(String) : [];
    const extra = add.filter((c) => c.toUpperCase().replace(/^CAP_/, '') !== 'NET_BIND_SERVICE');
    return extra.length > 0 && { path: ['cap_add'], message: `adds capabilities ${extra.join(', ')}` };
  }),
});

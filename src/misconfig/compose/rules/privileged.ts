import { rule } from '../../types.js';
import { perService, type ComposeCtx } from '../context.js';

export default rule<ComposeCtx>({
  id: 'CG-DC-001', slug: 'compose-privileged', type: 'compose', severity: 'HIGH',
  title: 'Service runs privileged',
  why: 'privileged: true gives the container every capability and all host devices: root on the host.',
  fix: 'Remove `privileged: true`; add only the capability needed with `cap_add`.',
  references: ['https://docs.docker.com/reference/compose-file/services/#privileged'],
  aliases: ['AVD-KSV-0017'],
  check: (ctx) => perService(ctx, (s) => s.value.privileged === true && { path: ['privileged'], message: 'runs privileged' }),
});

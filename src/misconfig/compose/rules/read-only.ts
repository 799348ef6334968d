import { rule } from '../../types.js';
import { perService, type ComposeCtx } from '../context.js';

export default rule<ComposeCtx>({
  id: 'CG-DC-009', slug: 'compose-read-only', type: 'compose', severity: 'LOW',
  title: 'Root filesystem is writable (read_only not set)',
  why: 'A read-only root filesystem stops an intruder from dropping tools or changing binaries.',
  fix: 'Set `read_only: true` and mount a `tmpfs` where the app must write.',
  references: ['https://docs.docker.com/reference/compose-file/services/#read_only'],
  aliases: ['AVD-KSV-0014'],
  check: (ctx) => perService(ctx, (s) => s.value.read_only !== true && { path: s.value.read_only !== undefined ? ['read_only'] : [], message: 'does not set read_only: true' }),
});

import { rule } from '../../types.js';
import { perService, type ComposeCtx } from '../context.js';

export default rule<ComposeCtx>({
  id: 'CG-DC-008', slug: 'compose-no-user', type: 'compose', severity: 'LOW',
  title: 'Service does not set a non-root user',
  why: 'Without `user:` the service runs as the image user, which for most images is root.',
  fix: 'Set `user: "10001:10001"` (and make the image work unprivileged).',
  references: ['https://docs.docker.com/reference/compose-file/services/#user'],
  aliases: ['AVD-KSV-0012'],
  check: (ctx) => perService(ctx, (s) => {
    const u = s.value.user;
    if (u === undefined || u === null) return { path: [], message: 'sets no user' };
    return /^(root|0)(:.*)?$/.test(String(u)) && { path: ['user'], message: `runs as ${u}` };
  }),
});

import { rule } from '../../types.js';
import { perService, type ComposeCtx } from '../context.js';

export default rule<ComposeCtx>({
  id: 'CG-DC-012', slug: 'compose-no-new-privileges', type: 'compose', severity: 'LOW',
  title: 'no-new-privileges not set',
  why: 'Without no-new-privileges, setuid binaries inside the container can raise a process to root.',
  fix: 'Add `security_opt: ["no-new-privileges:true"]`.',
  references: ['https://docs.docker.com/reference/cli/docker/container/run/#security-opt'],
  aliases: ['AVD-KSV-0001'],
  check: (ctx) => perService(ctx, (s) => {
    const opts: string[] = Array.isArray(s.value.security_opt) ? s.value.security_opt.map(String) : [];
    return !opts.some((o) => /^no-new-privileges(:true|=true)?$/i.test(o.trim())) && { path: s.value.security_opt ? ['security_opt'] : [], message: 'does not set no-new-privileges:true' };
  }),
});

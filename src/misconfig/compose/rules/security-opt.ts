import { rule } from '../../types.js';
import { perService, type ComposeCtx } from '../context.js';

export default rule<ComposeCtx>({
  id: 'CG-DC-010', slug: 'compose-security-opt', type: 'compose', severity: 'HIGH',
  title: 'seccomp, AppArmor or SELinux disabled via security_opt',
  why: 'These profiles block most kernel attack surface; turning them off makes container escapes far easier.',
  fix: 'Remove `seccomp:unconfined`, `apparmor:unconfined`, `label:disable`; add `no-new-privileges:true`.',
  references: ['https://docs.docker.com/engine/security/seccomp/'],
  aliases: ['AVD-KSV-0030', 'AVD-KSV-0002'],
  check: (ctx) => perService(ctx, (s) => {
    const opts: string[] = Array.isArray(s.value.security_opt) ? s.value.security_opt.map(String) : [];
    const i = opts.findIndex((o) => /^(seccomp|apparmor)[:=]unconfined$|^label[:=]disable$|^no-new-privileges[:=]false$|^systempaths[:=]unconfined$/i.test(o.trim()));
    return i >= 0 && { path: ['security_opt', i], message: `sets security_opt ${opts[i]}` };
  }),
});

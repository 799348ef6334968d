import { rule } from '../../types.js';
import { perService, type ComposeCtx } from '../context.js';
import { volumeOf } from '../context.js';

const SENSITIVE = /^\/($|etc(\/|$)|proc(\/|$)|sys(\/|$)|boot(\/|$)|dev(\/|$)|root(\/|$)|usr(\/|$)|lib(\/|$)|bin(\/|$)|sbin(\/|$)|var\/lib\/docker(\/|$))/;

export default rule<ComposeCtx>({
  id: 'CG-DC-005', slug: 'compose-host-mount', type: 'compose', severity: 'HIGH',
  title: 'Host root or a system directory mounted',
  why: 'Mounting /, /etc, /proc, /sys, /root… gives the service host credentials and a way to change the host.',
  fix: 'Mount only the application directory you need, read-only where possible.',
  references: ['https://docs.docker.com/reference/compose-file/services/#volumes'],
  aliases: ['AVD-KSV-0023', 'kube-linter/sensitive-host-mounts'],
  check: (ctx) => perService(ctx, (s) => {
    const vols = Array.isArray(s.value.volumes) ? s.value.volumes : [];
    const i = vols.findIndex((v: unknown) => { const src = (volumeOf(v)?.source ?? '').replace(/(.)\/+$/, '$1'); return src.startsWith('/') && SENSITIVE.test(src); });
    return i >= 0 && { path: ['volumes', i], message: `mounts host path ${volumeOf(vols[i])?.source}${volumeOf(vols[i])?.readOnly ? ' (read-only)' : ''}` };
  }),
});

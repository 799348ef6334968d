import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

const SYSTEM = ['/', '/bin', '/boot', '/dev', '/etc', '/initrd', '/lib', '/lib32', '/lib64', '/proc', '/root', '/sbin', '/srv', '/sys', '/usr', '/usr/bin', '/usr/include', '/usr/lib', '/usr/libexec', '/usr/sbin', '/usr/share', '/var'];

export default rule<DockerfileCtx>({
  id: 'CG-DF-030', slug: 'workdir-system', type: 'dockerfile', severity: 'HIGH',
  title: 'WORKDIR set to a system directory',
  why: 'Application files written into /usr, /etc, /proc… can overwrite system files and confuse scanners.',
  fix: 'Use a dedicated directory: `WORKDIR /app`.',
  references: ['https://avd.aquasec.com/misconfig/ds-0030'],
  aliases: ['AVD-DS-0030'],
  check(ctx) {
    return ctx.instructions
      .filter((i) => i.keyword === 'WORKDIR' && SYSTEM.includes(i.args.replace(/^["']|["']$/g, '').replace(/(.)\/+$/, '$1')))
      .map((i) => ({ message: `WORKDIR ${i.args} is a system directory`, line: i.line }));
  },
});

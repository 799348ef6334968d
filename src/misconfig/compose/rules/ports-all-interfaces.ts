import { rule } from '../../types.js';
import { perService, type ComposeCtx } from '../context.js';

export default rule<ComposeCtx>({
  id: 'CG-DC-011', slug: 'compose-ports-all-interfaces', type: 'compose', severity: 'MEDIUM',
  title: 'Port published on all host interfaces',
  why: '"8080:80" binds 0.0.0.0: the service is reachable from every network the host is on, and Docker\'s iptables rules bypass host firewalls such as ufw.',
  fix: 'Bind to loopback or a specific address: `"127.0.0.1:8080:80"`, or use `expose:` for container-to-container traffic.',
  references: ['https://docs.docker.com/reference/compose-file/services/#ports'],
  aliases: [],
  check: (ctx) => perService(ctx, (s) => {
    const ports = Array.isArray(s.value.ports) ? s.value.ports : [];
    const i = ports.findIndex((p: unknown) => {
      if (typeof p === 'number') return false; // container port only: published on a random host port of every interface, but not predictable
      if (typeof p === 'string') {
        const parts = p.split(':');
        if (parts.length === 1) return false;
        if (parts.length === 2) return true;
        const ip = parts.slice(0, -2).join(':');
        return ip === '0.0.0.0' || ip === '' || ip === '[::]' || ip === '::';
      }
      const o = p as { published?: unknown; host_ip?: string };
      return o && o.published !== undefined && (!o.host_ip || o.host_ip === '0.0.0.0' || o.host_ip === '::');
    });
    return i >= 0 && { path: ['ports', i], message: `publishes ${typeof ports[i] === 'string' ? ports[i] : JSON.stringify(ports[i])} on all interfaces` };
  }),
});

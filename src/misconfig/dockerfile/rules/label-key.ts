import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { keyValues } from './secret-env.js';

const RESERVED = /^(com\.docker|io\.docker|org\.dockerproject)\./;

export default rule<DockerfileCtx>({
  id: 'CG-DF-056', slug: 'label-key', type: 'dockerfile', severity: 'LOW',
  title: 'Invalid LABEL key',
  why: 'Keys must be lowercase reverse-DNS style; the com.docker.* namespaces are reserved.',
  fix: 'Use `LABEL org.opencontainers.image.source="https://…"`.',
  references: ['https://docs.docker.com/config/labels-custom-metadata/#key-format-recommendations'],
  aliases: ['DL3048'],
  check(ctx) {
    const out = [];
    for (const i of ctx.instructions) {
      if (i.keyword !== 'LABEL') continue;
      for (const [k] of keyValues(i.args)) {
        const key = k.replace(/^["']|["']$/g, '');
        if (RESERVED.test(key) || !/^[a-z]([a-z0-9.-]*[a-z0-9])?$/.test(key) || /\.\.|--/.test(key)) { out.push({ message: `LABEL key "${key}" is not valid`, line: i.line }); break; }
      }
    }
    return out;
  },
});

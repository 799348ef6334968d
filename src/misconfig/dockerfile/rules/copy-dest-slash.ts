import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-013', slug: 'copy-dest-slash', type: 'dockerfile', severity: 'HIGH',
  title: 'COPY with several sources to a destination not ending in /',
  why: 'With more than one source the destination must be a directory; the build fails otherwise.',
  fix: 'End the destination with a slash: `COPY a.txt b.txt /app/`.',
  references: ['https://docs.docker.com/reference/dockerfile/#copy'],
  aliases: ['DL3021', 'AVD-DS-0011'],
  check(ctx) {
    return ctx.instructions.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('<<')).flatMap((i) => {
      let parts: string[];
      try { parts = i.args.startsWith('[') ? JSON.parse(i.args) : i.args.split(/\s+/); } catch { parts = i.args.split(/\s+/); }
      const dest = parts[parts.length - 1] ?? '';
      return parts.length > 2 && !dest.endsWith('/') && !dest.includes('$') ? [{ message: `COPY to ${dest} with ${parts.length - 1} sources`, line: i.line }] : [];
    });
  },
});

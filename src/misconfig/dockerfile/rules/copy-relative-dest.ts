import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-053', slug: 'copy-relative-dest', type: 'dockerfile', severity: 'LOW',
  title: 'COPY to a relative destination without WORKDIR',
  why: 'The destination depends on the base image working directory, which can change under you.',
  fix: 'Set `WORKDIR /app` first or use an absolute destination.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3045'],
  aliases: ['DL3045'],
  check(ctx) {
    const out = [];
    for (const s of ctx.stages) {
      // A stage built FROM an earlier stage inherits that stage's WORKDIR.
      let hasWorkdir = ctx.stages.some((p) => p.index < s.index && p.name === s.image.toLowerCase() && p.instructions.some((i) => i.keyword === 'WORKDIR'));
      for (const i of s.instructions) {
        if (i.keyword === 'WORKDIR') hasWorkdir = true;
        if (i.keyword !== 'COPY' || hasWorkdir || i.args.startsWith('<<')) continue;
        let parts: string[];
        try { parts = i.args.startsWith('[') ? JSON.parse(i.args) : i.args.split(/\s+/); } catch { continue; }
        const dest = (parts[parts.length - 1] ?? '').replace(/^["']|["']$/g, '');
        if (parts.length >= 2 && !/^(\/|\$|[A-Za-z]:)/.test(dest)) out.push({ message: `COPY to relative ${dest} with no WORKDIR set`, line: i.line });
      }
    }
    return out;
  },
});

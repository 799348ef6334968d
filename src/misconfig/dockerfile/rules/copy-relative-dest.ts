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
    // A stage built FROM an earlier stage inherits its WORKDIR, through any number of stages.
    const setsWorkdir: boolean[] = [];
    for (const s of ctx.stages) {
      const parent = ctx.stages.findIndex((p) => p.index < s.index && p.name !== undefined && p.name === s.image.toLowerCase());
      let hasWorkdir = parent >= 0 && setsWorkdir[parent];
      setsWorkdir.push(hasWorkdir || s.instructions.some((i) => i.keyword === 'WORKDIR'));
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

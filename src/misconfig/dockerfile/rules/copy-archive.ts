import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { isArchive } from './add-instead-of-copy.js';
import { commandsOf, prog } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-064', slug: 'copy-archive', type: 'dockerfile', severity: 'LOW',
  title: 'Archive copied then extracted by hand',
  why: 'COPY + RUN tar x keeps the archive in a layer; ADD extracts local archives in one step.',
  fix: 'Use `ADD app.tar.gz /opt/`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3010'],
  aliases: ['DL3010'],
  check(ctx) {
    const out = [];
    for (const s of ctx.stages) {
      for (const i of s.instructions) {
        if (i.keyword !== 'COPY' || i.flags.from) continue;
        // Quoted paths may hold spaces (Windows: "C:\\Program Files\\app"); either slash separates.
        const parts = (i.args.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((p) => p.replace(/^["']|["']$/g, ''));
        const base = (p: string) => p.split(/[\\/]/).pop()!;
        const dest = parts[parts.length - 1] ?? '';
        for (const src of parts.slice(0, -1).filter(isArchive)) {
          // The archive keeps its name in a directory destination, or takes the destination's name.
          const names = [base(src), ...(isArchive(dest) ? [base(dest)] : [])];
          const extracted = s.instructions.some((r) => r.keyword === 'RUN' && r.line > i.line &&
            commandsOf(r).some((c) => (prog(c) === 'tar' && c.words.some((w) => /^-?[a-zA-Z]*x/.test(w) && !w.startsWith('--') || w === '--extract') || ['gunzip', 'unxz', 'bunzip2'].includes(prog(c))) && c.words.some((w) => names.some((n) => base(w) === n))));
          if (extracted) out.push({ message: `${src} copied and then extracted; use ADD`, line: i.line });
        }
      }
    }
    return out;
  },
});

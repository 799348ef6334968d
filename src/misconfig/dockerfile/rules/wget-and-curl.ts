import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { commandsOf, prog, runs } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-016', slug: 'wget-and-curl', type: 'dockerfile', severity: 'LOW',
  title: 'Both wget and curl used',
  why: 'Two download tools do the same job; each adds size and attack surface.',
  fix: 'Pick one (curl or wget) for all downloads.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL4001'],
  aliases: ['DL4001', 'AVD-DS-0014'],
  check(ctx) {
    const out = [];
    for (const s of ctx.stages) {
      const rs = runs(ctx).filter((i) => i.stage === s.index);
      const uses = (p: string) => rs.filter((i) => commandsOf(i).some((c) => prog(c) === p));
      const w = uses('wget');
      const c = uses('curl');
      if (w.length && c.length) {
        for (const i of [...new Set([...w, ...c])].sort((a, b) => a.line - b.line)) out.push({ message: 'stage uses both wget and curl', line: i.line });
      }
    }
    return out;
  },
});

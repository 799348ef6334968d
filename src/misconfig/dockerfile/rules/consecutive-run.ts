import { rule } from '../../types.js';
import type { DockerfileCtx, DfInstruction } from '../parse.js';
import { commandsOf } from '../helpers.js';

const chained = (i: DfInstruction) => commandsOf(i).some((c) => ['&&', '||', ';', '\n'].includes(c.next));

export default rule<DockerfileCtx>({
  id: 'CG-DF-057', slug: 'consecutive-run', type: 'dockerfile', severity: 'LOW',
  title: 'Consecutive RUN instructions',
  why: 'Each RUN is a layer; consecutive ones can usually be merged to shrink the image.',
  fix: 'Merge them: `RUN a && b`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3059'],
  aliases: ['DL3059'],
  check(ctx) {
    const out = [];
    for (const s of ctx.stages) {
      for (let k = 1; k < s.instructions.length; k++) {
        const a = s.instructions[k - 1];
        const b = s.instructions[k];
        // RUNs that already chain several commands were split on purpose (layer caching); flags must match too.
        if (a.keyword === 'RUN' && b.keyword === 'RUN' && JSON.stringify(a.flags) === JSON.stringify(b.flags) && !a.json && !b.json && !chained(a) && !chained(b)) {
          out.push({ message: `RUN right after the RUN at line ${a.line}; consider merging`, line: b.line });
        }
      }
    }
    return out;
  },
});

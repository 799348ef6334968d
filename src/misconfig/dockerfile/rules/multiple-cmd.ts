import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import type { Issue } from '../../types.js';

/** Every instruction of `keyword` after the first in the same stage. */
export function duplicates(ctx: DockerfileCtx, keyword: string): Issue[] {
  const out: Issue[] = [];
  for (const s of ctx.stages) {
    const all = s.instructions.filter((i) => i.keyword === keyword);
    for (const i of all.slice(1)) out.push({ message: `${keyword} repeated in stage ${s.name ?? s.index} (first at line ${all[0].line})`, line: i.line });
  }
  return out;
}

export default rule<DockerfileCtx>({
  id: 'CG-DF-018', slug: 'multiple-cmd', type: 'dockerfile', severity: 'MEDIUM',
  title: 'Multiple CMD instructions in one stage',
  why: 'Only the last CMD takes effect; the others are dead code that hides intent.',
  fix: 'Keep one CMD per stage.',
  references: ['https://docs.docker.com/reference/dockerfile/#cmd'],
  aliases: ['DL4003', 'AVD-DS-0016'],
  check: (ctx) => duplicates(ctx, 'CMD'),
});

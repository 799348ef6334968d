import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-042', slug: 'copy-from-unknown', type: 'dockerfile', severity: 'MEDIUM',
  title: 'COPY --from names a stage defined later or never',
  why: 'COPY --from=<name> that is not an earlier stage pulls an image of that name from a registry: a typo becomes a supply-chain risk.',
  fix: 'Name an earlier stage (`FROM golang:1.22 AS build` … `COPY --from=build`) or a full image reference.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3022'],
  aliases: ['DL3022'],
  check(ctx) {
    const out = [];
    for (const i of ctx.instructions) {
      if (i.keyword !== 'COPY' || !i.flags.from) continue;
      const from = String(i.flags.from).toLowerCase();
      if (/[:/@.$]/.test(from)) continue; // an image reference or a variable
      const earlier = ctx.stages.slice(0, i.stage).some((s) => s.name === from || String(s.index) === from);
      const self = ctx.stages[i.stage]?.name === from;
      if (!earlier && !self) out.push({ message: `COPY --from=${from}: no earlier stage has that name`, line: i.line });
    }
    return out;
  },
});

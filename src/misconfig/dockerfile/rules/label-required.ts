import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { carriedKeys, labelSchema } from './_labels.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-066', slug: 'label-required', type: 'dockerfile', severity: 'LOW',
  title: 'Label required by the label schema is missing',
  why: 'The label schema (misconfig option labelSchema) lists labels every image must carry: owner, source, licence… Images without them cannot be traced or audited.',
  fix: 'Add the label in the stage or in a stage it builds on: `LABEL org.opencontainers.image.source="https://…"`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3049'],
  aliases: ['DL3049'],
  check(ctx: DockerfileCtx) {
    const wanted = Object.keys(labelSchema.labels);
    if (wanted.length === 0) return [];
    const out = [];
    for (const s of ctx.stages) {
      const have = carriedKeys(ctx, s);
      const missing = wanted.filter((k) => !have.has(k));
      if (missing.length) out.push({ message: `stage ${s.name ?? s.index} lacks label ${missing.join(', ')}`, line: s.line });
    }
    return out;
  },
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { labelSchema, ownLabels } from './_labels.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-068', slug: 'label-empty', type: 'dockerfile', severity: 'LOW',
  title: 'Label of the label schema is empty',
  why: 'A schema label (misconfig option labelSchema) set to "" satisfies the presence check and says nothing.',
  fix: 'Give the label its value: `LABEL org.opencontainers.image.source="https://…"`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3051'],
  aliases: ['DL3051'],
  check(ctx: DockerfileCtx) {
    return ctx.stages.flatMap((s) => ownLabels(s).filter((l) => l.key in labelSchema.labels && l.value.trim() === '').map((l) => ({ message: `label ${l.key} is empty`, line: l.line })));
  },
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { labelSchema, ownLabels } from './_labels.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-067', slug: 'label-superfluous', type: 'dockerfile', severity: 'LOW',
  title: 'Label outside the label schema',
  why: 'With strict labels (misconfig option strictLabels) only the labels of the schema are allowed, so every image carries the same, documented metadata.',
  fix: 'Remove the label or add it to the schema.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3050'],
  aliases: ['DL3050'],
  check(ctx: DockerfileCtx) {
    if (!labelSchema.strict) return [];
    return ctx.stages.flatMap((s) => ownLabels(s).filter((l) => !(l.key in labelSchema.labels)).map((l) => ({ message: `label ${l.key} is not in the label schema`, line: l.line })));
  },
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { formatIssues, isSpdx } from './_labels.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-071', slug: 'label-spdx', type: 'dockerfile', severity: 'LOW',
  title: 'Label value is not an SPDX licence id',
  why: 'The label schema (misconfig option labelSchema) says this label holds an SPDX licence id; tools reading it (inventories, licence checks, provenance) get garbage otherwise.',
  fix: 'Set the label to an SPDX licence id, e.g. `LABEL org.opencontainers.image.licenses="Apache-2.0"`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3054'],
  aliases: ['DL3054'],
  check: (ctx) => formatIssues(ctx, 'spdx', isSpdx, 'an SPDX licence id'),
});

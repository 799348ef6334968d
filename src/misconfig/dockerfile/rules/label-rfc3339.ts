import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { formatIssues, isRfc3339 } from './_labels.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-070', slug: 'label-rfc3339', type: 'dockerfile', severity: 'LOW',
  title: 'Label value is not an RFC 3339 time',
  why: 'The label schema (misconfig option labelSchema) says this label holds an RFC 3339 time; tools reading it (inventories, licence checks, provenance) get garbage otherwise.',
  fix: 'Set the label to an RFC 3339 time, e.g. `LABEL org.opencontainers.image.created="2024-05-01T12:00:00Z"`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3053'],
  aliases: ['DL3053'],
  check: (ctx) => formatIssues(ctx, 'rfc3339', isRfc3339, 'an RFC 3339 time'),
});

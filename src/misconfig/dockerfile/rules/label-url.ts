import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { formatIssues, isUrl } from './_labels.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-069', slug: 'label-url', type: 'dockerfile', severity: 'LOW',
  title: 'Label value is not a URL',
  why: 'The label schema (misconfig option labelSchema) says this label holds a URL; tools reading it (inventories, licence checks, provenance) get garbage otherwise.',
  fix: 'Set the label to a URL, e.g. `LABEL org.opencontainers.image.source="https://example.com/repo"`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3052'],
  aliases: ['DL3052'],
  check: (ctx) => formatIssues(ctx, 'url', isUrl, 'a URL'),
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { formatIssues, isEmail } from './_labels.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-074', slug: 'label-email', type: 'dockerfile', severity: 'LOW',
  title: 'Label value is not an email address',
  why: 'The label schema (misconfig option labelSchema) says this label holds an email address; tools reading it (inventories, licence checks, provenance) get garbage otherwise.',
  fix: 'Set the label to an email address, e.g. `LABEL maintainer="team@example.com"`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3058'],
  aliases: ['DL3058'],
  check: (ctx) => formatIssues(ctx, 'email', isEmail, 'an email address'),
});

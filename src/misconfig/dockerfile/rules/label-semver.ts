import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { formatIssues, isSemver } from './_labels.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-073', slug: 'label-semver', type: 'dockerfile', severity: 'LOW',
  title: 'Label value is not a semantic version',
  why: 'The label schema (misconfig option labelSchema) says this label holds a semantic version; tools reading it (inventories, licence checks, provenance) get garbage otherwise.',
  fix: 'Set the label to a semantic version, e.g. `LABEL org.opencontainers.image.version="1.4.2"`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3056'],
  aliases: ['DL3056'],
  check: (ctx) => formatIssues(ctx, 'semver', isSemver, 'a semantic version'),
});

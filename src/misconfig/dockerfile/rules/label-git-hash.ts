import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { formatIssues, isGitHash } from './_labels.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-072', slug: 'label-git-hash', type: 'dockerfile', severity: 'LOW',
  title: 'Label value is not a git commit hash',
  why: 'The label schema (misconfig option labelSchema) says this label holds a git commit hash; tools reading it (inventories, licence checks, provenance) get garbage otherwise.',
  fix: 'Set the label to a git commit hash, e.g. `LABEL org.opencontainers.image.revision="43c572f1272b6b3171dd1db9e41b7027128ce080"`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3055'],
  aliases: ['DL3055'],
  check: (ctx) => formatIssues(ctx, 'hash', isGitHash, 'a git commit hash'),
});

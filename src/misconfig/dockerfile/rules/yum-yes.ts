import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { missingYes } from './_pm.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-044', slug: 'yum-yes', type: 'dockerfile', severity: 'MEDIUM',
  title: "'yum install' without '-y'",
  why: 'Without -y the build waits for confirmation and fails.',
  fix: 'Use `yum install -y pkg-1.2`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3030'],
  aliases: ['DL3030'],
  check: missingYes(['yum'], ['install', 'groupinstall', 'localinstall'], ['assumeyes'], 'y', "'yum install' without -y"),
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { missingYes } from './_pm.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-049', slug: 'dnf-yes', type: 'dockerfile', severity: 'MEDIUM',
  title: "'dnf install' without '-y'",
  why: 'Without -y the build waits for confirmation and fails.',
  fix: 'Use `dnf install -y pkg-1.2`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3038'],
  aliases: ['DL3038'],
  check: missingYes(['dnf', 'microdnf'], ['install', 'groupinstall', 'localinstall'], ['assumeyes'], 'y', "'dnf install' without -y"),
});

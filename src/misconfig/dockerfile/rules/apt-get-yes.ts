import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { missingYes } from './_pm.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-022', slug: 'apt-get-yes', type: 'dockerfile', severity: 'HIGH',
  title: "'apt-get install' without '-y'",
  why: 'Without -y the build waits for an answer that never comes and fails (or hangs).',
  fix: 'Use `apt-get install -y --no-install-recommends pkg=1.2`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3014'],
  aliases: ['DL3014', 'AVD-DS-0021'],
  check: missingYes(['apt-get'], ['install'], ['yes', 'assume-yes', 'force-yes'], 'y', "'apt-get install' without -y"),
});

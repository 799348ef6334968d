import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { missingYes } from './_pm.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-046', slug: 'zypper-yes', type: 'dockerfile', severity: 'MEDIUM',
  title: "'zypper install' without non-interactive switch",
  why: 'Without -n / -y zypper waits for confirmation and the build fails.',
  fix: 'Use `zypper --non-interactive install pkg=1.2` or `zypper install -y pkg=1.2`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3034'],
  aliases: ['DL3034'],
  check: missingYes(['zypper'], ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'], ['non-interactive', 'no-confirm'], 'ny', "'zypper install' without -n/-y"),
});

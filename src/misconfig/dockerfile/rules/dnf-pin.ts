import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { unpinned } from './_pm.js';
import { rpmOrModulePinned } from './yum-pin.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-050', slug: 'dnf-pin', type: 'dockerfile', severity: 'LOW',
  title: 'dnf install without pinned versions',
  why: 'Unpinned packages make builds unreproducible.',
  fix: 'Pin: `dnf install -y httpd-2.4.57`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3041'],
  aliases: ['DL3041'],
  check: unpinned({
    progs: ['dnf', 'microdnf'], install: ['install', 'module'], flagsWithValue: ['--setopt', '-c', '--config', '--enablerepo', '--disablerepo', '--installroot', '--releasever'],
    pinned: rpmOrModulePinned,
    label: (ps) => `dnf install of unpinned ${ps.join(', ')}`,
  }),
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { unpinned } from './_pm.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-048', slug: 'zypper-pin', type: 'dockerfile', severity: 'LOW',
  title: 'zypper install without pinned versions',
  why: 'Unpinned packages make builds unreproducible.',
  fix: 'Pin: `zypper install -y httpd=2.4.57`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3037'],
  aliases: ['DL3037'],
  check: unpinned({
    progs: ['zypper'], install: ['install', 'in'], flagsWithValue: ['-r', '--repo', '--from', '-t', '--type'],
    pinned: (p) => /[=<>]/.test(p) || p.endsWith('.rpm'),
    label: (ps) => `zypper install of unpinned ${ps.join(', ')}`,
  }),
});

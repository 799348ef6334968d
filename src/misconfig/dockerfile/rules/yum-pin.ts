import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { unpinned } from './_pm.js';

export const rpmPinned = (p: string) => p.includes('-') && /-\d/.test(p) || p.endsWith('.rpm') || p.includes('/');

/** `yum|dnf module install name:stream`: a module is pinned by its stream. */
export const rpmOrModulePinned = (p: string, c: { words: string[] }) =>
  c.words.includes('module') ? p === 'install' || p.includes(':') : rpmPinned(p);

export default rule<DockerfileCtx>({
  id: 'CG-DF-045', slug: 'yum-pin', type: 'dockerfile', severity: 'LOW',
  title: 'yum install without pinned versions',
  why: 'Unpinned packages make builds unreproducible.',
  fix: 'Pin: `yum install -y httpd-2.4.57`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3033'],
  aliases: ['DL3033'],
  check: unpinned({
    progs: ['yum'], install: ['install', 'module'], flagsWithValue: ['--setopt', '-c', '--config', '--enablerepo', '--disablerepo', '--installroot', '--releasever'],
    pinned: rpmOrModulePinned,
    label: (ps) => `yum install of unpinned ${ps.join(', ')}`,
  }),
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { unpinned, localFile } from './_pm.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-032', slug: 'apt-pin', type: 'dockerfile', severity: 'LOW',
  title: 'apt-get install without pinned versions',
  why: 'Unpinned packages make builds unreproducible and let a changed package slip in unreviewed.',
  fix: 'Pin versions: `apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3008'],
  aliases: ['DL3008'],
  check: unpinned({
    progs: ['apt-get'], install: ['install'], flagsWithValue: ['-o', '-t', '--target-release', '-c'],
    pinned: (p) => p.includes('=') || localFile(p),
    label: (ps) => `apt-get install of unpinned ${ps.join(', ')}`,
  }),
});

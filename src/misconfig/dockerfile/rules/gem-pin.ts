import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { unpinned } from './_pm.js';
import { hasFlag } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-038', slug: 'gem-pin', type: 'dockerfile', severity: 'LOW',
  title: 'gem install without a version',
  why: 'Unpinned gems make builds unreproducible.',
  fix: 'Pin: `gem install bundler:2.5.6` or `gem install bundler -v 2.5.6`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3028'],
  aliases: ['DL3028'],
  check: unpinned({
    progs: ['gem'], install: ['install', 'i'], flagsWithValue: ['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '-P', '--trust-policy'],
    skip: (c) => hasFlag(c, ['version'], 'v'),
    pinned: (p) => p.includes(':') || p.endsWith('.gem') || /^(?:true|false)$/.test(p), // true/false: the value of an option (--use-system-libraries true)
    label: (ps) => `gem install of unpinned ${ps.join(', ')}`,
  }),
});

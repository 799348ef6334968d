import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { unpinned } from './_pm.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-036', slug: 'npm-pin', type: 'dockerfile', severity: 'LOW',
  title: 'npm install of a package without a version',
  why: 'npm install <pkg> takes the newest release: builds change over time and a hijacked release lands unreviewed.',
  fix: 'Pin: `npm install -g typescript@5.4.5`, or rely on package-lock.json with `npm ci`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3016'],
  aliases: ['DL3016'],
  check: unpinned({
    progs: ['npm'], install: ['install', 'i', 'add'], flagsWithValue: ['--prefix', '--registry', '--cache', '-w', '--workspace', '--loglevel', '--userconfig', '--tag'],
    // git URLs are pinned by a #commit-ish; folders and tarballs are what they are.
    pinned: (p) => /^(git[+:]|github:|gitlab:|bitbucket:)/.test(p) || /^https?:.*\.git(#|$)/.test(p) ? p.includes('#')
      : /^@?[^@]+@.+/.test(p) || /^(\.|\/|~|file:|https?:)/.test(p) || /\.(tgz|tar|tar\.gz)$/.test(p) || (p.includes('/') && !p.startsWith('@')),
    label: (ps) => `npm install of unpinned ${ps.join(', ')}`,
  }),
});

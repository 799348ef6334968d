import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { missingCleanup } from './_pm.js';
import { isSub } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-020', slug: 'dnf-clean', type: 'dockerfile', severity: 'LOW',
  title: "'dnf install' without 'dnf clean all'",
  why: "dnf's package cache stays in the layer: bigger images, stale metadata.",
  fix: 'Clean in the same RUN: `RUN dnf install -y pkg-1.2 && dnf clean all`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3040'],
  aliases: ['DL3040', 'AVD-DS-0019'],
  check: missingCleanup({
    progs: ['dnf'], install: ['install', 'groupinstall', 'localinstall'], cacheDir: /\/var\/cache\/(dnf|yum)/,
    cleaned: (cmds, s) => cmds.some((c) => isSub(c, ['dnf'], ['clean']) && c.words.includes('all')) || /rm\s+-[rf]+\s+\/var\/cache\/(dnf|yum)/.test(s),
    label: "'dnf install' without 'dnf clean all' in the same RUN",
  }),
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { missingCleanup } from './_pm.js';
import { isSub } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-017', slug: 'yum-clean', type: 'dockerfile', severity: 'LOW',
  title: "'yum install' without 'yum clean all'",
  why: "yum's package cache stays in the layer: bigger images, stale metadata.",
  fix: 'Clean in the same RUN: `RUN yum install -y pkg-1.2 && yum clean all`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3032'],
  aliases: ['DL3032', 'AVD-DS-0015'],
  check: missingCleanup({
    progs: ['yum'], install: ['install', 'groupinstall', 'localinstall'], cacheDir: /\/var\/cache\/yum/,
    cleaned: (cmds, s) => cmds.some((c) => isSub(c, ['yum'], ['clean']) && c.words.includes('all')) || /rm\s+-[rf]+\s+\/var\/cache\/yum/.test(s),
    label: "'yum install' without 'yum clean all' in the same RUN",
  }),
});

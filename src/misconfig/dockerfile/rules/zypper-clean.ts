import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { missingCleanup } from './_pm.js';
import { isSub } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-021', slug: 'zypper-clean', type: 'dockerfile', severity: 'LOW',
  title: "'zypper install' without 'zypper clean'",
  why: "zypper's package cache stays in the layer.",
  fix: 'Clean in the same RUN: `RUN zypper install -y pkg=1.2 && zypper clean`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3036'],
  aliases: ['DL3036', 'AVD-DS-0020'],
  check: missingCleanup({
    progs: ['zypper'], install: ['install', 'in', 'patch', 'remove', 'rm', 'source-install', 'si'],
    cleaned: (cmds) => cmds.some((c) => isSub(c, ['zypper'], ['clean', 'cc'])),
    label: "'zypper install' without 'zypper clean' in the same RUN",
  }),
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { missingCleanup } from './_pm.js';
import { isSub } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-028', slug: 'microdnf-clean', type: 'dockerfile', severity: 'LOW',
  title: "'microdnf install' without 'microdnf clean all'",
  why: "microdnf's package cache stays in the layer.",
  fix: 'Clean in the same RUN: `RUN microdnf install -y pkg && microdnf clean all`.',
  references: ['https://avd.aquasec.com/misconfig/ds-0027'],
  aliases: ['AVD-DS-0027', 'DL3040'], // hadolint's DL3040 covers dnf and microdnf
  check: missingCleanup({
    progs: ['microdnf'], install: ['install'], cacheDir: /\/var\/cache\/(dnf|yum)/,
    cleaned: (cmds, s) => cmds.some((c) => isSub(c, ['microdnf'], ['clean']) && c.words.includes('all')) || /rm\s+-[rf]+\s+\/var\/cache\/(dnf|yum)/.test(s),
    label: "'microdnf install' without 'microdnf clean all' in the same RUN",
  }),
});

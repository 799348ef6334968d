import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { unpinned, localFile } from './_pm.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-037', slug: 'apk-pin', type: 'dockerfile', severity: 'LOW',
  title: 'apk add without pinned versions',
  why: 'Unpinned packages make builds unreproducible.',
  fix: 'Pin versions: `apk add --no-cache curl=8.5.0-r0`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3018'],
  aliases: ['DL3018'],
  check: unpinned({
    progs: ['apk'], install: ['add'], flagsWithValue: ['-t', '--virtual', '-X', '--repository', '--repositories-file', '-p', '--root', '--arch', '--keys-dir', '--cache-dir'],
    pinned: (p) => /[=~<>]/.test(p) || localFile(p),
    label: (ps) => `apk add of unpinned ${ps.join(', ')}`,
  }),
});

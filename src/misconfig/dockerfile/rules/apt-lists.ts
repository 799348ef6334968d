import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { missingCleanup } from './_pm.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-033', slug: 'apt-lists', type: 'dockerfile', severity: 'LOW',
  title: 'apt lists not deleted after apt-get install',
  why: '/var/lib/apt/lists stays in the layer: tens of MB and stale package indexes.',
  fix: 'Remove them in the same RUN: `RUN apt-get update && apt-get install -y --no-install-recommends pkg=1.2 && rm -rf /var/lib/apt/lists/*`.',
  references: ['https://docs.docker.com/develop/develop-images/dockerfile_best-practices/#apt-get'],
  aliases: ['DL3009', 'DKL-DI-0005'],
  check: missingCleanup({
    progs: ['apt-get'], install: ['install'], cacheDir: /\/var\/lib\/apt/, finalStageOnly: true,
    cleaned: (_c, s) => /rm\s+(-\w+\s+)*(\S*\/)?var\/lib\/apt\/lists/.test(s) || /apt-get\s+clean/.test(s) && /lists/.test(s),
    label: 'apt-get install without rm -rf /var/lib/apt/lists/* in the same RUN',
  }),
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { missingCleanup } from './_pm.js';
import { isSub } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-058', slug: 'yarn-cache', type: 'dockerfile', severity: 'LOW',
  title: "'yarn install' without 'yarn cache clean'",
  why: "yarn's offline cache stays in the layer.",
  fix: 'Use `RUN yarn install --frozen-lockfile && yarn cache clean`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3060'],
  aliases: ['DL3060'],
  check: missingCleanup({
    progs: ['yarn'], install: ['install'], cacheDir: /yarn/, usedStagesOnly: true,
    cleaned: (cmds) => cmds.some((c) => isSub(c, ['yarn'], ['cache']) && c.words.includes('clean')),
    label: "'yarn install' without 'yarn cache clean' in the same RUN",
  }),
});

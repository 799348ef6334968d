import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { commandsOf, isSub, hasFlag, cacheMount } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-026', slug: 'apk-no-cache', type: 'dockerfile', severity: 'LOW',
  title: "'apk add' without '--no-cache'",
  why: 'The apk index cache stays in the layer.',
  fix: 'Use `RUN apk add --no-cache curl=8.5.0-r0`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3019'],
  aliases: ['DL3019', 'AVD-DS-0025', 'DKL-DI-0004'],
  check(ctx) {
    return ctx.instructions
      .filter((i) => i.keyword === 'RUN' && !cacheMount(i, /\/(var\/)?cache\/apk|\/etc\/apk\/cache/))
      .filter((i) => { const cs = commandsOf(i); return cs.some((c) => isSub(c, ['apk'], ['add']) && !hasFlag(c, ['no-cache'])); })
      .map((i) => ({ message: "'apk add' without --no-cache", line: i.line, endLine: i.endLine }));
  },
});

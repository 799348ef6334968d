import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-043', slug: 'from-platform', type: 'dockerfile', severity: 'LOW',
  title: 'FROM with a fixed --platform',
  why: 'A hard-coded platform breaks multi-arch builds and emulates silently on other hosts.',
  fix: 'Leave it out or use a build argument: `FROM --platform=$BUILDPLATFORM golang:1.22 AS build`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3029'],
  aliases: ['DL3029'],
  check(ctx) {
    return ctx.stages.filter((s) => s.platform && !s.platform.includes('$')).map((s) => ({ message: `FROM --platform=${s.platform}`, line: s.line }));
  },
});

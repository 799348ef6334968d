import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { perRun, prog, hasFlag } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-055', slug: 'wget-progress', type: 'dockerfile', severity: 'LOW',
  title: "'wget' without '--progress' bloats build logs",
  why: "wget's default progress bar writes thousands of lines into build logs.",
  fix: 'Use `wget --progress=dot:giga URL` or `-q`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3047'],
  aliases: ['DL3047'],
  check: (ctx) => perRun(ctx, (cs) => cs.some((c) => prog(c) === 'wget' && !hasFlag(c, ['progress', 'quiet', 'no-verbose', 'output-file', 'append-output'], 'qnoa')) && "'wget' without --progress"),
});

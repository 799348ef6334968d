import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { commandsOf } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-062', slug: 'pipefail', type: 'dockerfile', severity: 'LOW',
  title: 'RUN with a pipe but no pipefail',
  why: 'Without pipefail, `curl … | tar x` succeeds when curl fails: the build passes with a broken layer.',
  fix: 'Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN, or start it with `set -o pipefail &&`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL4006'],
  aliases: ['DL4006'],
  check(ctx) {
    const out = [];
    let pipefail = false;
    let stage = -1;
    for (const i of ctx.instructions) {
      if (i.stage !== stage) { stage = i.stage; pipefail = false; }
      if (i.keyword === 'SHELL') {
        // Only shells that know pipefail count (plain sh does not); non-POSIX shells are out of scope.
        const sh = (i.json?.[0] ?? '').split(/[\\/]/).pop()?.toLowerCase() ?? '';
        pipefail = /^(pwsh|powershell|cmd)(\.exe)?$/.test(sh) || (['bash', 'zsh', 'ash', 'ksh', 'mksh'].includes(sh) && (i.json ?? []).includes('pipefail'));
      }
      if (i.keyword !== 'RUN' || pipefail || i.json) continue;
      const cs = commandsOf(i);
      if (!cs.some((c) => c.next === '|')) continue;
      if (/set\s+-[a-z]*o\s+pipefail|set\s+-o\s+pipefail|-o\s+pipefail/.test(i.script ?? '')) continue;
      out.push({ message: 'RUN uses a pipe without pipefail', line: i.line, endLine: i.endLine });
    }
    return out;
  },
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { commandsOf, prog, cacheMount, hasFlag } from '../helpers.js';
import { keyValues } from './secret-env.js';

const TRUTHY = /^["']?(1|on|yes|true)["']?$/i;

/** PIP_NO_CACHE_DIR set truthy by ENV/ARG earlier in this stage, or in the stage it is built FROM. */
function cacheOffByEnv(ctx: DockerfileCtx, stage: number, before: number): boolean {
  const st = ctx.stages[stage];
  if (!st) return false;
  const own = st.instructions.filter((e) => e.line < before && (e.keyword === 'ENV' || e.keyword === 'ARG'))
    .flatMap((e) => keyValues(e.args)).filter(([k]) => k === 'PIP_NO_CACHE_DIR');
  if (own.length) return TRUTHY.test(own[own.length - 1][1] ?? '');
  const parent = ctx.stages.slice(0, stage).reverse().find((p) => p.name && p.name === st.image.toLowerCase());
  return parent ? cacheOffByEnv(ctx, parent.index, Number.MAX_SAFE_INTEGER) : false;
}

export default rule<DockerfileCtx>({
  id: 'CG-DF-039', slug: 'pip-no-cache', type: 'dockerfile', severity: 'LOW',
  title: "'pip install' without '--no-cache-dir'",
  why: "pip's wheel cache stays in the layer.",
  fix: 'Use `RUN pip install --no-cache-dir requests==2.31.0` or `ENV PIP_NO_CACHE_DIR=1`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3042'],
  aliases: ['DL3042'],
  check(ctx) {
    const out = [];
    for (const i of ctx.instructions) {
      if (i.keyword !== 'RUN' || cacheMount(i, /pip/)) continue;
      if (cacheOffByEnv(ctx, i.stage, i.line) || /(^|\s)PIP_NO_CACHE_DIR=["']?(1|on|yes|true)\b/i.test(i.script ?? '')) continue;
      const bad = commandsOf(i).some((c) => {
        const p = prog(c);
        const isPip = /^pip[0-9.]*$/.test(p) || (/^python[0-9.]*$/.test(p) && c.words[1] === '-m' && /^pip/.test(c.words[2] ?? ''));
        if (!isPip) return false;
        const rest = /^python/.test(p) ? c.words.slice(2) : c.words;
        return rest.slice(1).find((w) => !w.startsWith('-')) === 'install' && !hasFlag({ words: rest, next: '' }, ['no-cache-dir']);
      });
      if (bad) out.push({ message: "'pip install' without --no-cache-dir", line: i.line, endLine: i.endLine });
    }
    return out;
  },
});

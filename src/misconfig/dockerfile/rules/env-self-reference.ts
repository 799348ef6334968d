import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { keyValues } from './secret-env.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-052', slug: 'env-self-reference', type: 'dockerfile', severity: 'MEDIUM',
  title: 'ENV refers to a variable defined in the same ENV',
  why: 'Within one ENV, references see the old value, not the one being set: the result differs from what it reads like.',
  fix: 'Split it: `ENV A=1` then `ENV B=$A/x`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3044'],
  aliases: ['DL3044'],
  check(ctx) {
    const out = [];
    for (const i of ctx.instructions) {
      if (i.keyword !== 'ENV') continue;
      const kv = keyValues(i.args);
      if (kv.length < 2) continue;
      const defined: string[] = [];
      const before = new Set(ctx.instructions.filter((e) => e.line < i.line && (e.keyword === 'ENV' || e.keyword === 'ARG') && e.stage === i.stage).flatMap((e) => keyValues(e.args).map(([k]) => k)));
      for (const [k, v] of kv) {
        const refs = [...(v ?? '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
        if (refs.some((r) => defined.includes(r) && !before.has(r))) { out.push({ message: `ENV ${k} refers to a variable set in the same instruction`, line: i.line }); break; }
        defined.push(k);
      }
    }
    return out;
  },
});

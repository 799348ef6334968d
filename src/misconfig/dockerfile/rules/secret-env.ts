import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { isSecretName } from '../../secret-names.js';

/** KEY=VALUE pairs (or "KEY VALUE" legacy form) of an ENV / ARG / LABEL instruction. */
export function keyValues(args: string): [string, string | undefined][] {
  const legacy = /^([^\s=]+)\s+(.*)$/s.exec(args);
  if (legacy && !legacy[1].includes('=')) return [[legacy[1], legacy[2]]];
  const out: [string, string | undefined][] = [];
  const re = /([^\s=]+)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(args))) out.push([m[1], m[2]?.replace(/^["']|["']$/g, '')]);
  return out;
}

export default rule<DockerfileCtx>({
  id: 'CG-DF-031', slug: 'secret-env', type: 'dockerfile', severity: 'CRITICAL',
  title: 'Secret passed through ENV or ARG',
  why: 'ENV values are baked into the image config and ARG values into its history: anyone who can pull the image can read them.',
  fix: 'Use BuildKit secrets: `RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci`.',
  references: ['https://docs.docker.com/build/building/secrets/'],
  aliases: ['AVD-DS-0031', 'CIS-DI-0010'],
  check(ctx) {
    const out = [];
    for (const i of ctx.instructions) {
      if (i.keyword !== 'ENV' && i.keyword !== 'ARG') continue;
      for (const [k, v] of keyValues(i.args)) {
        if (!isSecretName(k)) continue;
        // An ARG without a default is still recorded in history when passed with --build-arg.
        if (i.keyword === 'ENV' && (v === undefined || v === '' || /^\$\{?\w+\}?$/.test(v))) continue;
        out.push({ message: `${i.keyword} ${k} looks like a secret`, line: i.line });
      }
    }
    return out;
  },
});

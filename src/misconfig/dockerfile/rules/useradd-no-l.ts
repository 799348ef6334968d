import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { perRun, prog, hasFlag } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-054', slug: 'useradd-no-l', type: 'dockerfile', severity: 'LOW',
  title: "'useradd' with a high UID and without '-l'",
  why: 'useradd without -l fills /var/log/lastlog and faillog up to the UID: a large UID makes a huge sparse layer.',
  fix: 'Use `useradd -l -u 100001 app`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3046'],
  aliases: ['DL3046'],
  check: (ctx) => perRun(ctx, (cs) => cs.some((c) => {
    if (prog(c) !== 'useradd' || hasFlag(c, ['no-log-init'], 'l')) return false;
    const k = c.words.findIndex((w) => w === '-u' || w === '--uid');
    const uid = k >= 0 ? c.words[k + 1] : c.words.find((w) => w.startsWith('--uid='))?.slice(6);
    return uid !== undefined && /^\d+$/.test(uid) && uid.length > 5;
  }) && "'useradd' with a high UID and without -l"),
});

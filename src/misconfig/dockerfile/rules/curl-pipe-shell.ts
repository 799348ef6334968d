import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { commandsOf, prog } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-034', slug: 'curl-pipe-shell', type: 'dockerfile', severity: 'HIGH',
  title: 'Remote script piped into a shell',
  why: 'curl … | sh runs whatever the server returns at build time, unverified: a compromised or spoofed server owns your image.',
  fix: 'Download, verify a checksum or signature, then run: `curl -fsSLo i.sh https://… && echo "<sha256>  i.sh" | sha256sum -c - && sh i.sh`.',
  references: ['https://docs.docker.com/build/building/best-practices/#using-pipes'],
  aliases: [],
  check(ctx) {
    const out = [];
    for (const i of ctx.instructions) {
      if (i.keyword !== 'RUN') continue;
      const cs = commandsOf(i);
      for (let k = 0; k + 1 < cs.length; k++) {
        if (['curl', 'wget'].includes(prog(cs[k])) && cs[k].next === '|' && /^(ba|z|da|k)?sh$|^python[0-9.]*$|^perl$|^ruby$|^node$/.test(prog(cs[k + 1]))) {
          out.push({ message: `${prog(cs[k])} output piped into ${prog(cs[k + 1])}`, line: i.line, endLine: i.endLine });
          break;
        }
      }
    }
    return out;
  },
});

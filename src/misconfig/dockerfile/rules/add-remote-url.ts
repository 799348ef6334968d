import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { isUrl } from './add-instead-of-copy.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-007', slug: 'add-remote-url', type: 'dockerfile', severity: 'MEDIUM',
  title: 'ADD fetches a remote URL',
  why: 'ADD <url> downloads without verifying integrity (unless --checksum is given) and leaves the file in a layer; a compromised server changes your image.',
  fix: 'Download in a RUN with a checksum check: `RUN curl -fsSLo app.tgz https://… && echo "<sha256>  app.tgz" | sha256sum -c -`, or `ADD --checksum=sha256:… <url> /dst`.',
  references: ['https://docs.docker.com/reference/dockerfile/#add'],
  aliases: ['CKV_DOCKER_4'],
  check(ctx) {
    return ctx.instructions
      .filter((i) => i.keyword === 'ADD' && !i.flags.checksum && i.args.split(/\s+/).slice(0, -1).some(isUrl))
      .map((i) => ({ message: `ADD downloads ${i.args.split(/\s+/).find(isUrl)} without a checksum`, line: i.line }));
  },
});

import { rule } from '../../types.js';
import type { ImageCtx } from '../context.js';

export default rule<ImageCtx>({
  id: 'CG-IMG-007', slug: 'image-remote-add', type: 'image', severity: 'MEDIUM',
  title: 'Image history shows ADD of a remote URL',
  why: 'ADD <url> downloads without integrity checking; the layer holds whatever the server returned at build time.',
  fix: 'Download in RUN with a checksum check, or `ADD --checksum=sha256:…`.',
  references: ['https://docs.docker.com/reference/dockerfile/#add'],
  aliases: ['CKV_DOCKER_4'],
  check(ctx) {
    const out = [];
    for (const [i, h] of (ctx.image.history ?? []).entries()) {
      const m = /\bADD\s+(?:--[\w-]+(?:=\S+)?\s+)*(?:\S+\s+)*?((?:https?|ftp):\/\/\S+)/.exec(h.created_by ?? '');
      if (m && !/--checksum=/.test(h.created_by ?? '')) out.push({ message: `history step ${i + 1} ADDs ${m[1]}`, object: `history/${i}` });
    }
    return out;
  },
});

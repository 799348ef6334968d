import { rule } from '../../types.js';
import type { ImageCtx } from '../context.js';
import { isSecretName, PRIVATE_KEY } from '../../secret-names.js';

export default rule<ImageCtx>({
  id: 'CG-IMG-006', slug: 'image-secret-history', type: 'image', severity: 'CRITICAL',
  title: 'Secret recorded in the image history',
  why: 'Build arguments and ENV values used by RUN steps are recorded in the history ("|2 TOKEN=… /bin/sh -c …"), readable with docker history.',
  fix: 'Use BuildKit secret mounts (`RUN --mount=type=secret,id=token`) instead of ARG/ENV.',
  references: ['https://docs.docker.com/build/building/secrets/'],
  aliases: ['CIS-DI-0010', 'AVD-DS-0031'],
  check(ctx) {
    const out = [];
    for (const [i, h] of (ctx.image.history ?? []).entries()) {
      const cmd = h.created_by ?? '';
      const pairs = [...cmd.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S+)/g)];
      const hit = pairs.find(([, k, v]) => isSecretName(k) && v.replace(/^["']|["']$/g, '') !== '' && !/^\$/.test(v));
      if (hit) out.push({ message: `history step ${i + 1} records ${hit[1]}=…`, object: `history/${i}` });
      else if (PRIVATE_KEY.test(cmd)) out.push({ message: `history step ${i + 1} contains a private key`, object: `history/${i}` });
    }
    return out;
  },
});

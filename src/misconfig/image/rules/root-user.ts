import { rule } from '../../types.js';
import type { ImageCtx } from '../context.js';

export default rule<ImageCtx>({
  id: 'CG-IMG-001', slug: 'image-root-user', type: 'image', severity: 'HIGH',
  title: 'Image runs as root',
  why: 'The image config has no USER (or USER root): containers start as root unless the runtime overrides it.',
  fix: 'Add `USER 10001` at the end of the Dockerfile.',
  references: ['https://docs.docker.com/reference/dockerfile/#user'],
  aliases: ['CIS-DI-0001', 'DL3002', 'AVD-DS-0002', 'CKV_DOCKER_3', 'CKV_DOCKER_8'],
  check(ctx) {
    const u = (ctx.image.config?.User ?? '').trim();
    return u === '' || /^(root|0)(:.*)?$/.test(u) ? [{ message: u ? `image user is ${u}` : 'image sets no user (runs as root)' }] : [];
  },
});

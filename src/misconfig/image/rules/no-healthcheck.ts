import { rule } from '../../types.js';
import type { ImageCtx } from '../context.js';

export default rule<ImageCtx>({
  id: 'CG-IMG-002', slug: 'image-no-healthcheck', type: 'image', severity: 'LOW',
  title: 'Image has no HEALTHCHECK',
  why: 'Without a health check the engine cannot tell a hung service from a healthy one.',
  fix: 'Add `HEALTHCHECK CMD curl -fsS http://localhost:8080/health || exit 1`.',
  references: ['https://docs.docker.com/reference/dockerfile/#healthcheck'],
  aliases: ['CIS-DI-0006', 'AVD-DS-0026', 'CKV_DOCKER_2', 'DL3057'],
  check(ctx) {
    const t = ctx.image.config?.Healthcheck?.Test;
    return !t || t.length === 0 || t[0] === 'NONE' ? [{ message: 'image config has no healthcheck' }] : [];
  },
});

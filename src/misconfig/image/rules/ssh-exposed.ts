import { rule } from '../../types.js';
import type { ImageCtx } from '../context.js';

export default rule<ImageCtx>({
  id: 'CG-IMG-003', slug: 'image-ssh-exposed', type: 'image', severity: 'MEDIUM',
  title: 'Image exposes port 22 (SSH)',
  why: 'An SSH server in a container is another way in with its own keys; use docker exec / kubectl exec.',
  fix: 'Remove `EXPOSE 22` and the SSH server.',
  references: ['https://docs.docker.com/reference/dockerfile/#expose'],
  aliases: ['AVD-DS-0004', 'CKV_DOCKER_1'],
  check: (ctx) => Object.keys(ctx.image.config?.ExposedPorts ?? {}).some((p) => /^22(\/tcp)?$/.test(p)) ? [{ message: 'image exposes 22/tcp' }] : [],
});

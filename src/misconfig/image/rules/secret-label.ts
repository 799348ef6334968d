import { rule } from '../../types.js';
import type { ImageCtx } from '../context.js';
import { isSecretName, PRIVATE_KEY } from '../../secret-names.js';

export default rule<ImageCtx>({
  id: 'CG-IMG-005', slug: 'image-secret-label', type: 'image', severity: 'HIGH',
  title: 'Secret in an image label',
  why: 'Labels are public metadata of the image.',
  fix: 'Remove the label; never pass secrets as build arguments into LABEL.',
  references: ['https://docs.docker.com/build/building/secrets/'],
  aliases: ['CIS-DI-0010'],
  check: (ctx) => Object.entries(ctx.image.config?.Labels ?? {}).filter(([k, v]) => (isSecretName(k.split('.').pop() ?? k) && v !== '') || PRIVATE_KEY.test(String(v))).map(([k]) => ({ message: `label ${k} looks like a secret`, object: `label/${k}` })),
});

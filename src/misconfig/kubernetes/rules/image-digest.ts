import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-022', slug: 'image-digest', type: 'kubernetes', severity: 'LOW',
  title: 'Image not pinned by digest',
  why: 'Tags can be moved; only a digest guarantees the image you reviewed is the one that runs.',
  fix: 'Pin: `image: nginx:1.25.4@sha256:…`.',
  references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
  aliases: ['CKV_K8S_43'],
  check: (ctx) => perContainer(ctx, (c) => c.c.image !== undefined && !String(c.c.image).includes('@') && { path: [...c.path, 'image'], message: `image ${c.c.image} is not pinned by digest` }),
});

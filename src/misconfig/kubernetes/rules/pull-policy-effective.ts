import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';
import { splitImageRef } from '../../dockerfile/parse.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-095', slug: 'pull-policy-effective', type: 'kubernetes', severity: 'LOW',
  title: 'Image neither pinned by digest nor always pulled',
  why: 'A tagged image with IfNotPresent/Never runs whatever copy a node cached, and skips the registry\'s authorization check.',
  fix: 'Pin the image by digest, or set `imagePullPolicy: Always`.',
  references: ['https://kubernetes.io/docs/concepts/containers/images/#imagepullpolicy-defaulting'],
  aliases: ['CKV_K8S_15'],
  check: (ctx) => perContainer(ctx, (c) => {
    const image = String(c.c.image ?? '');
    const r = splitImageRef(image);
    if (!image || r.digest) return false;
    // Defaulting: no policy + (no tag or :latest) means Always.
    const policy = c.c.imagePullPolicy ?? (!r.tag || r.tag === 'latest' ? 'Always' : 'IfNotPresent');
    return policy !== 'Always' && { path: c.c.imagePullPolicy ? [...c.path, 'imagePullPolicy'] : [...c.path, 'image'], message: `pulls ${image} with policy ${policy}` };
  }, ['containers', 'initContainers']),
});

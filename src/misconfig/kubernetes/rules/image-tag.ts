import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';
import { splitImageRef } from '../../dockerfile/parse.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-021', slug: 'image-tag', type: 'kubernetes', severity: 'MEDIUM',
  title: "Image without a tag or with ':latest'",
  why: 'latest (or no tag) changes under you: nodes may run different code, and rollbacks do not roll back.',
  fix: 'Use a version tag, better a digest: `image: nginx:1.25.4@sha256:…`.',
  references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
  aliases: ['AVD-KSV-0013', 'KSV013', 'CKV_K8S_14', 'kube-linter/latest-tag', 'polaris/tagNotSpecified', 'kube-score/container-image-tag'],
  check: (ctx) => perContainer(ctx, (c) => {
    const img = String(c.c.image ?? '');
    if (!img) return false;
    const r = splitImageRef(img);
    return !r.digest && (!r.tag || r.tag === 'latest') && { path: [...c.path, 'image'], message: `uses image ${img} without a fixed tag` };
  }),
});

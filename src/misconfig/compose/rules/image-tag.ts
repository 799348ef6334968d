import { rule } from '../../types.js';
import { perService, type ComposeCtx } from '../context.js';
import { splitImageRef } from '../../dockerfile/parse.js';

export default rule<ComposeCtx>({
  id: 'CG-DC-007', slug: 'compose-image-tag', type: 'compose', severity: 'MEDIUM',
  title: "Image without a tag or with ':latest'",
  why: 'latest changes under you: two hosts running the same file may run different code.',
  fix: 'Pin a version (better a digest): `image: postgres:16.2@sha256:…`.',
  references: ['https://docs.docker.com/reference/compose-file/services/#image'],
  aliases: ['DL3007', 'AVD-KSV-0013', 'kube-linter/latest-tag'],
  check: (ctx) => perService(ctx, (s) => {
    if (typeof s.value.image !== 'string' || s.value.image.includes('$')) return false;
    const r = splitImageRef(s.value.image);
    return !r.digest && (!r.tag || r.tag === 'latest') && { path: ['image'], message: `uses image ${s.value.image} without a fixed tag` };
  }),
});

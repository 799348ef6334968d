import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

/** Registry of an image reference: the first path part when it looks like a host, else docker.io. */
export function registryOf(image: string): string {
  const first = image.split('/')[0];
  return image.includes('/') && /[.:]|^localhost$/.test(first) ? first.toLowerCase() : 'docker.io';
}

export default rule<K8sCtx>({
  id: 'CG-K8S-099', slug: 'k8s-trusted-registry', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Container image from a registry not on the allow-list',
  why: 'Only images from vetted registries (with scanning and signing) should run; anything else bypasses your supply-chain controls.',
  fix: 'Mirror the image into an allowed registry. Allowed registries come from `--trusted-registry` (the same list as for Dockerfile FROM).',
  references: ['https://kubernetes.io/docs/concepts/containers/images/'],
  aliases: ['AVD-KSV-0125', 'KSV125'],
  check(ctx) {
    const trustedRegistries = ctx.options?.trustedRegistries ?? [];
    if (!trustedRegistries.length) return [];
    return perContainer(ctx, (c) => {
      const img = String(c.c.image ?? '');
      const reg = registryOf(img);
      return img !== '' && !trustedRegistries.includes(reg) && { path: [...c.path, 'image'], message: `uses ${img} from ${reg}` };
    });
  },
});

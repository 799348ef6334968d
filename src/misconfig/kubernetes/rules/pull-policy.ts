import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-023', slug: 'pull-policy', type: 'kubernetes', severity: 'LOW',
  title: "imagePullPolicy is not 'Always'",
  why: 'With a cached image a pod may start without the registry checking it may pull that image (another tenant\'s private image).',
  fix: 'Set `imagePullPolicy: Always`, or pin images by digest.',
  references: ['https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy'],
  aliases: ['polaris/pullPolicyNotAlways', 'kube-score/container-image-pull-policy'],
  check: (ctx) => perContainer(ctx, (c) => {
    const pol = c.c.imagePullPolicy;
    if (pol === 'Always') return false;
    return { path: pol !== undefined ? [...c.path, 'imagePullPolicy'] : c.path, message: `imagePullPolicy is ${pol ?? 'unset'}` };
  }, ['containers', 'initContainers']),
});

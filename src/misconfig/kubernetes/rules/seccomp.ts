import { rule } from '../../types.js';
import { perContainer, effective, podOf, type K8sCtx, type ContainerRef, type PodRef } from '../objects.js';

/** Effective seccomp profile type: container field, pod field, then the legacy annotations. */
export function seccompOf(c: ContainerRef, p: PodRef, annotations: Record<string, string>): { type?: string; path: (string | number)[] } {
  const e = effective(c, p, 'seccompProfile');
  if (e.value?.type) return { type: String(e.value.type), path: e.path };
  const a = annotations[`container.seccomp.security.alpha.kubernetes.io/${c.name}`] ?? annotations['seccomp.security.alpha.kubernetes.io/pod'];
  if (a) return { type: a === 'runtime/default' || a === 'docker/default' ? 'RuntimeDefault' : a === 'unconfined' ? 'Unconfined' : a.startsWith('localhost/') ? 'Localhost' : a, path: c.path };
  return { type: undefined, path: c.path };
}

export default rule<K8sCtx>({
  id: 'CG-K8S-031', slug: 'seccomp', type: 'kubernetes', severity: 'LOW',
  title: 'Seccomp profile not RuntimeDefault or Localhost',
  why: 'Without seccomp every syscall is open to the container, including the rare ones most kernel exploits need. Required by Pod Security Standards restricted.',
  fix: 'Set `securityContext.seccompProfile: { type: RuntimeDefault }` at pod level.',
  references: ['https://kubernetes.io/docs/tutorials/security/seccomp/'],
  aliases: ['AVD-KSV-0030', 'KSV030', 'AVD-KSV-0104', 'KSV104', 'CKV_K8S_31', 'kube-score/container-seccomp-profile'],
  check(ctx) {
    const pod = podOf(ctx.obj);
    const ann = { ...(ctx.obj.value.metadata?.annotations ?? {}), ...(pod?.meta?.annotations ?? {}) };
    return perContainer(ctx, (c, p) => {
      const s = seccompOf(c, p, ann);
      return !(s.type === 'RuntimeDefault' || s.type === 'Localhost') && { path: s.path, message: s.type ? `uses seccomp profile ${s.type}` : 'has no seccomp profile' };
    }, ['containers', 'initContainers']);
  },
});

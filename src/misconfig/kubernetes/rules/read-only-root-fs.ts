import { rule } from '../../types.js';
import { perContainer, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-016', slug: 'read-only-root-fs', type: 'kubernetes', severity: 'LOW',
  title: 'Root filesystem is writable',
  why: 'A read-only root filesystem stops an intruder from dropping tools or changing binaries.',
  fix: 'Set `securityContext.readOnlyRootFilesystem: true` and mount an emptyDir where the app must write.',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  aliases: ['AVD-KSV-0014', 'KSV014', 'CKV_K8S_22', 'kube-linter/no-read-only-root-fs', 'polaris/notReadOnlyRootFilesystem', 'kube-score/container-security-context-readonlyrootfilesystem'],
  check: (ctx) => perContainer(ctx, (c) => c.c.securityContext?.readOnlyRootFilesystem !== true &&
    { path: c.c.securityContext?.readOnlyRootFilesystem !== undefined ? [...c.path, 'securityContext', 'readOnlyRootFilesystem'] : c.path, message: 'does not set readOnlyRootFilesystem: true' }, ['containers', 'initContainers']),
});

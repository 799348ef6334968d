import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

const REMOVED: Record<string, string> = {
  'extensions/v1beta1': 'apps/v1 or networking.k8s.io/v1', 'apps/v1beta1': 'apps/v1', 'apps/v1beta2': 'apps/v1',
  'batch/v1beta1': 'batch/v1', 'policy/v1beta1': 'policy/v1', 'networking.k8s.io/v1beta1': 'networking.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1': 'rbac.authorization.k8s.io/v1', 'autoscaling/v2beta1': 'autoscaling/v2', 'autoscaling/v2beta2': 'autoscaling/v2',
};

export default rule<K8sCtx>({
  id: 'CG-K8S-075', slug: 'deprecated-api', type: 'kubernetes', severity: 'LOW',
  title: 'Removed or deprecated apiVersion',
  why: 'Current clusters reject these apiVersions; the manifest silently stops applying after an upgrade.',
  fix: 'Move to the stable apiVersion (apps/v1, networking.k8s.io/v1, batch/v1, policy/v1…).',
  references: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/'],
  aliases: ['AVD-KSV-0107', 'KSV107'],
  check: (ctx) => REMOVED[ctx.obj.apiVersion] ? [onObject(ctx, ['apiVersion'], `uses ${ctx.obj.apiVersion}; use ${REMOVED[ctx.obj.apiVersion]}`)] : [],
});

import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';
import { isSecretName, PRIVATE_KEY } from '../../secret-names.js';

/** `NAME=value` / `NAME: value` lines inside a config blob whose name looks like a secret and whose value is literal. */
function embedded(text: string): boolean {
  for (const m of text.matchAll(/^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*[=:]\s*(.*)$/gm)) {
    const v = m[2].trim().replace(/^["']|["']$/g, '');
    if (isSecretName(m[1]) && v !== '' && !/^\$\{?\w+\}?$/.test(v)) return true;
  }
  return false;
}

export default rule<K8sCtx>({
  id: 'CG-K8S-047', slug: 'configmap-secrets', type: 'kubernetes', severity: 'HIGH',
  title: 'ConfigMap holds what looks like a secret',
  why: 'ConfigMaps are readable by far more people and tools than Secrets, and are not encrypted at rest.',
  fix: 'Move the value to a Secret (ideally from an external secret store).',
  references: ['https://kubernetes.io/docs/concepts/configuration/configmap/'],
  aliases: ['AVD-KSV-0109', 'KSV109', 'AVD-KSV-01010', 'KSV01010', 'polaris/sensitiveConfigmapContent'],
  check(ctx) {
    if (ctx.obj.kind !== 'ConfigMap') return [];
    const data = ctx.obj.value.data ?? {};
    return Object.entries(data).filter(([k, v]) => (isSecretName(k) && v !== '' && v !== null) || embedded(String(v ?? '')) || PRIVATE_KEY.test(String(v ?? ''))).slice(0, 1)
      .map(([k]) => onObject(ctx, ['data', k], `key ${k} looks like a secret`));
  },
});

import { rule } from '../../types.js';
import { onObject, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-076', slug: 'invalid-target-port', type: 'kubernetes', severity: 'MEDIUM',
  title: 'Invalid port name or number',
  why: 'Port names must be IANA_SVC_NAME (≤ 15 lowercase alphanumerics and dashes) and numbers 1-65535, or the API rejects the object.',
  fix: 'Use a valid name such as `http` or a number.',
  references: ['https://docs.kubelinter.io/#/generated/checks?id=invalid-target-ports'],
  aliases: ['kube-linter/invalid-target-ports'],
  check(ctx) {
    if (ctx.obj.kind !== 'Service') return [];
    const ports: { targetPort?: unknown }[] = ctx.obj.value.spec?.ports ?? [];
    const i = ports.findIndex((p) => {
      const t = p?.targetPort;
      if (t === undefined) return false;
      if (typeof t === 'number') return t < 1 || t > 65535;
      const s = String(t);
      return /^\d+$/.test(s) ? Number(s) < 1 || Number(s) > 65535 : !(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(s) && s.length <= 15 && /[a-z]/.test(s) && !s.includes('--'));
    });
    return i >= 0 ? [onObject(ctx, ['spec', 'ports', i, 'targetPort'], `targetPort ${ports[i].targetPort} is not valid`)] : [];
  },
});

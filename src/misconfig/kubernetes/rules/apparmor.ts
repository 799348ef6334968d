import { rule } from '../../types.js';
import { perContainer, podOf, type K8sCtx } from '../objects.js';

export default rule<K8sCtx>({
  id: 'CG-K8S-032', slug: 'apparmor', type: 'kubernetes', severity: 'MEDIUM',
  title: 'AppArmor profile disabled or overridden',
  why: 'Pod Security Standards baseline forbids setting AppArmor to unconfined or to a non-default profile.',
  fix: 'Remove the override or use `appArmorProfile: { type: RuntimeDefault }`.',
  references: ['https://kubernetes.io/docs/tutorials/security/apparmor/'],
  aliases: ['AVD-KSV-0002', 'KSV002'],
  check(ctx) {
    const pod = podOf(ctx.obj);
    const ann: Record<string, string> = { ...(ctx.obj.value.metadata?.annotations ?? {}), ...(pod?.meta?.annotations ?? {}) };
    return perContainer(ctx, (c, p) => {
      const t = c.c.securityContext?.appArmorProfile?.type ?? p.spec.securityContext?.appArmorProfile?.type;
      if (t === 'Unconfined') return { path: c.path, message: 'sets appArmorProfile Unconfined' };
      const a = ann[`container.apparmor.security.beta.kubernetes.io/${c.name}`];
      return a !== undefined && a !== 'runtime/default' && !String(a).startsWith('localhost/') && { path: c.path, message: `AppArmor annotation is ${a}` };
    });
  },
});

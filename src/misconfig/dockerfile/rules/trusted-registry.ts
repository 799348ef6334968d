import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

/** Whether FROM may use `registry` (RuleOptions.trustedRegistries): `*` allows any, `*.example.com` any subdomain. */
const registryAllowed = (trustedRegistries: readonly string[], registry: string) =>
  trustedRegistries.some((t) => t === '*' || t === registry || (t.startsWith('*.') && registry.endsWith(t.slice(1))));

export default rule<DockerfileCtx>({
  id: 'CG-DF-065', slug: 'trusted-registry', type: 'dockerfile', severity: 'MEDIUM',
  title: 'Base image from a registry not on the allow-list',
  why: 'Pulling base images only from vetted registries keeps unknown publishers out of your supply chain.',
  fix: 'Mirror the image into an allowed registry: `FROM registry.example.com/library/debian:12`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3026'],
  aliases: ['DL3026'],
  check(ctx) {
    const trustedRegistries = ctx.options?.trustedRegistries ?? [];
    if (!trustedRegistries.length) return [];
    const names = new Set<string>();
    const out = [];
    for (const s of ctx.stages) {
      const img = s.image.toLowerCase();
      if (!s.implicit && img !== 'scratch' && !names.has(img) && !img.includes('$')) {
        const first = img.split('/')[0];
        const registry = img.includes('/') && /[.:]|^localhost$/.test(first) ? first : 'docker.io';
        if (!registryAllowed(trustedRegistries, registry)) out.push({ message: `FROM ${s.image} uses registry ${registry}`, line: s.line });
      }
      if (s.name) names.add(s.name);
    }
    return out;
  },
});

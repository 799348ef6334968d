import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-001', slug: 'from-untagged', type: 'dockerfile', severity: 'MEDIUM',
  title: 'Base image without a tag',
  why: 'An untagged FROM pulls whatever "latest" is on build day: builds are not reproducible and may silently change base OS.',
  fix: 'Pin a tag, better a digest: `FROM debian:12.5-slim@sha256:…`.',
  references: ['https://docs.docker.com/reference/dockerfile/#from'],
  aliases: ['DL3006', 'AVD-DS-0001', 'CKV_DOCKER_7'],
  check(ctx) {
    const names = new Set<string>();
    const out = [];
    for (const s of ctx.stages) {
      const ref = s.image.toLowerCase();
      if (!s.implicit && !s.tag && !s.digest && ref !== 'scratch' && !names.has(ref) && !ref.includes('$')) {
        out.push({ message: `FROM ${s.image} has no tag; pin a version`, line: s.line });
      }
      if (s.name) names.add(s.name);
    }
    return out;
  },
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-014', slug: 'duplicate-stage-name', type: 'dockerfile', severity: 'HIGH',
  title: 'Two FROM stages share a name',
  why: 'COPY --from and --target become ambiguous when two stages have the same alias.',
  fix: 'Give every stage a unique name: `FROM golang:1.22 AS build`, `FROM alpine:3.19 AS runtime`.',
  references: ['https://docs.docker.com/build/building/multi-stage/'],
  aliases: ['DL3024', 'AVD-DS-0012', 'CKV_DOCKER_11'],
  check(ctx) {
    const seen = new Map<string, number>();
    const out = [];
    for (const s of ctx.stages) {
      if (!s.name) continue;
      if (seen.has(s.name)) out.push({ message: `stage name "${s.name}" already used at line ${seen.get(s.name)}`, line: s.line });
      else seen.set(s.name, s.line);
    }
    return out;
  },
});

import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-002', slug: 'from-latest', type: 'dockerfile', severity: 'MEDIUM',
  title: "Base image uses the ':latest' tag",
  why: '"latest" moves: the same Dockerfile builds different images over time, and a compromised or broken base spreads silently.',
  fix: 'Use a fixed version tag or a digest: `FROM node:20.11-bookworm-slim`.',
  references: ['https://docs.docker.com/reference/dockerfile/#from'],
  aliases: ['DL3007', 'AVD-DS-0001', 'CKV_DOCKER_7', 'DKL-DI-0006'],
  check(ctx) {
    return ctx.stages
      .filter((s) => s.tag?.toLowerCase() === 'latest' && !s.digest)
      .map((s) => ({ message: `FROM ${s.image}:latest; pin a version`, line: s.line }));
  },
});

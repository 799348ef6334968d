import { rule } from '../../types.js';
import type { ImageCtx } from '../context.js';
import { envPairs } from '../context.js';
import { isSecretName } from '../../secret-names.js';

export default rule<ImageCtx>({
  id: 'CG-IMG-004', slug: 'image-secret-env', type: 'image', severity: 'CRITICAL',
  title: 'Secret in the image environment',
  why: 'ENV values are stored in the image config: anyone who can pull the image can read them.',
  fix: 'Pass secrets at run time (orchestrator secrets) and build with `RUN --mount=type=secret`.',
  references: ['https://docs.docker.com/build/building/secrets/'],
  aliases: ['CIS-DI-0010', 'AVD-DS-0031'],
  check: (ctx) => envPairs(ctx.image.config?.Env).filter(([k, v]) => isSecretName(k) && v !== '').map(([k]) => ({ message: `environment variable ${k} looks like a secret`, object: `env/${k}` })),
});

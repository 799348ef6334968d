import { rule } from '../../types.js';
import { perService, type ComposeCtx } from '../context.js';
import { envOf } from '../context.js';
import { isSecretName } from '../../secret-names.js';

export default rule<ComposeCtx>({
  id: 'CG-DC-006', slug: 'compose-secret-env', type: 'compose', severity: 'HIGH',
  title: 'Secret written in environment',
  why: 'A literal password or token in the compose file lands in Git, in `docker inspect` and in every process listing of the container.',
  fix: 'Use `secrets:` (mounted at /run/secrets) or `${VAR}` interpolation from an untracked .env file.',
  references: ['https://docs.docker.com/compose/how-tos/use-secrets/'],
  aliases: ['AVD-DS-0031'],
  check: (ctx) => perService(ctx, (s) => {
    const hit = envOf(s.value.environment).find(([k, v]) => isSecretName(k) && v !== undefined && v !== '' && !/^\$\{?\w+(:?[-?][^}]*)?\}?$/.test(v));
    return hit && { path: ['environment', hit[2]], message: `sets ${hit[0]} to a literal value` };
  }),
});

import { existsSync } from 'node:fs';
import { usageError } from '../core/errors.js';
import { EngineClient } from '../source/engine/client.js';
import { engineEndpoint, type EngineKind } from '../source/engine/endpoint.js';
import type { CommandContext, OptionSpec } from './command.js';

/** Where the container engines listen (Trivy's --docker-host / --podman-host). */
export const engineFlags: OptionSpec = {
  'docker-host': { type: 'string' },
  'podman-host': { type: 'string' },
  engine: { type: 'string' },
};

export const ENGINE_USAGE = [
  '  --engine docker|podman     which engine to ask (default: podman when --podman-host or CONTAINER_HOST is set, else docker)',
  '  --docker-host URL          Docker API address (default: DOCKER_HOST, else unix:///var/run/docker.sock)',
  '  --podman-host URL          Podman API address (default: CONTAINER_HOST, else unix:///run/podman/podman.sock)',
];

export function engineClient(ctx: CommandContext, kind: EngineKind): EngineClient {
  return new EngineClient(engineEndpoint(kind, ctx.values[`${kind}-host`] as string | undefined));
}

/** The one engine `drift`, `containers` and `runtime watch` talk to. */
export function chosenEngine(ctx: CommandContext): EngineClient {
  const e = ctx.values.engine as string | undefined;
  if (e !== undefined && e !== 'docker' && e !== 'podman') throw usageError(`--engine must be docker or podman, not "${e}"`, '--engine');
  return engineClient(ctx, (e as EngineKind | undefined) ?? defaultKind(ctx));
}

/** Podman when only Podman is configured, or when only its default socket exists; else Docker. */
function defaultKind(ctx: CommandContext): EngineKind {
  if (ctx.values['podman-host']) return 'podman';
  if (ctx.values['docker-host'] || process.env.DOCKER_HOST) return 'docker';
  if (process.env.CONTAINER_HOST) return 'podman';
  const podman = engineEndpoint('podman').socketPath;
  return !existsSync('/var/run/docker.sock') && podman && existsSync(podman) ? 'podman' : 'docker';
}

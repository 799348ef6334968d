import { usageError } from '../../core/errors.js';

/** Which engine: both serve the Docker Engine API; they differ in where they listen by default. */
export type EngineKind = 'docker' | 'podman';

/** Where an engine listens: a unix socket or a TCP host:port. */
export interface EngineEndpoint {
  kind: EngineKind;
  socketPath?: string;
  host?: string;
  port?: number;
  /** As the user would write it (unix:///run/podman/podman.sock, tcp://host:2375): used in errors. */
  where: string;
}

export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';
export const DEFAULT_PODMAN_HOST = 'unix:///run/podman/podman.sock';

/**
 * The endpoint for one engine: the flag (--docker-host / --podman-host), else the variable each
 * engine's own CLI reads (DOCKER_HOST, CONTAINER_HOST), else the engine's default socket
 * (rootless Podman: $XDG_RUNTIME_DIR/podman/podman.sock, as Trivy and podman-remote do).
 */
export function engineEndpoint(kind: EngineKind, flag?: string, env: NodeJS.ProcessEnv = process.env): EngineEndpoint {
  const fromEnv = kind === 'docker' ? env.DOCKER_HOST : env.CONTAINER_HOST;
  let url = flag || fromEnv;
  if (!url) {
    const rootless = kind === 'podman' && process.getuid?.() !== 0 && env.XDG_RUNTIME_DIR;
    url = kind === 'docker' ? DEFAULT_DOCKER_HOST : rootless ? `unix://${env.XDG_RUNTIME_DIR}/podman/podman.sock` : DEFAULT_PODMAN_HOST;
  }
  return parseEngineUrl(kind, url, flag ? `--${kind}-host` : kind === 'docker' ? 'DOCKER_HOST' : 'CONTAINER_HOST');
}

export function parseEngineUrl(kind: EngineKind, url: string, source: string): EngineEndpoint {
  if (url.startsWith('/')) return { kind, socketPath: url, where: `unix://${url}` };
  if (url.startsWith('unix://')) {
    const p = url.slice('unix://'.length);
    if (!p.startsWith('/')) throw usageError(`unix socket path must be absolute, not "${p}"`, source);
    return { kind, socketPath: p, where: url };
  }
  const m = /^(?:tcp|http):\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/.exec(url);
  if (m) {
    const port = Number(m[2] ?? 2375);
    if (port < 1 || port > 65535) throw usageError(`port out of range in "${url}"`, source);
    return { kind, host: m[1].replace(/^\[|\]$/g, ''), port, where: `tcp://${m[1]}:${port}` };
  }
  throw usageError(`engine address must be unix:///path or tcp://host:port, not "${url}"`, source);
}

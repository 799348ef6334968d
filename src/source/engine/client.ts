/**
 * A client for the Docker Engine API, which Docker and Podman (its compat API) both serve.
 * Hand-written over node:http because the few calls we need fit in a page, while the npm clients
 * (dockerode and its docker-modem) pull in ssh2 and native bindings for transports we do not use.
 * Paths are unversioned: each engine then answers with its own current API version (Docker 29
 * refuses versions below 1.44, older engines do not know the newer ones).
 */
import { request, type IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { CoastguardError, ExitCode } from '../../core/errors.js';
import type { EngineEndpoint } from './endpoint.js';

/** The engine answered 404: no such image or container. */
export class EngineNotFound extends CoastguardError {
  constructor(what: string, where: string) {
    super(what, where, ExitCode.INPUT);
  }
}

export interface ImageInspect {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: string;
  Config?: { Volumes?: Record<string, object> | null; Labels?: Record<string, string> | null } | null;
  RootFS?: { Type: string; Layers?: string[] };
}

export interface MountPoint {
  Type?: string;
  Name?: string;
  Source?: string;
  Destination: string;
  RW?: boolean;
}

export interface ContainerInspect {
  Id: string;
  Name: string;
  Image: string;
  Created?: string;
  State?: { Status?: string; Running?: boolean; StartedAt?: string; Pid?: number };
  Config?: { Image?: string; User?: string; Labels?: Record<string, string> | null; Volumes?: Record<string, object> | null; Cmd?: string[] | null; Entrypoint?: string[] | string | null };
  HostConfig?: {
    Privileged?: boolean;
    PidMode?: string;
    NetworkMode?: string;
    IpcMode?: string;
    UTSMode?: string;
    UsernsMode?: string;
    Binds?: string[] | null;
    CapAdd?: string[] | null;
    ReadonlyRootfs?: boolean;
    SecurityOpt?: string[] | null;
  };
  Mounts?: MountPoint[];
}

export interface ContainerSummary {
  Id: string;
  Names?: string[];
  Image: string;
  ImageID?: string;
  Created?: number;
  State?: string;
  Status?: string;
}

/** One entry of GET /containers/{id}/changes: Kind 0 modified, 1 added, 2 deleted. */
export interface ChangeEntry {
  Path: string;
  Kind: 0 | 1 | 2;
}

export class EngineClient {
  constructor(readonly endpoint: EngineEndpoint) {}

  get where(): string {
    return this.endpoint.where;
  }

  /** Sends one request; resolves with the response once the status is 2xx, else throws a one-line error. */
  async open(method: string, path: string, opts: { what?: string; timeoutMs?: number } = {}): Promise<IncomingMessage> {
    const ep = this.endpoint;
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request({ method, path, socketPath: ep.socketPath, host: ep.host ?? 'localhost', port: ep.port, headers: { host: 'docker' } }, resolve);
      req.on('error', (e: NodeJS.ErrnoException) => reject(unreachable(ep, e)));
      if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      req.end();
    });
    const status = res.statusCode ?? 0;
    if (status >= 200 && status < 300) return res;
    const body = await readAll(res).catch(() => Buffer.alloc(0));
    let msg = body.toString('utf8').trim();
    try {
      msg = (JSON.parse(msg) as { message?: string }).message ?? msg;
    } catch {
      /* plain text */
    }
    msg = msg.split('\n')[0].slice(0, 300);
    const what = opts.what ?? `${method} ${path}`;
    if (status === 404) throw new EngineNotFound(`${what}: not found (${msg || 404})`, ep.where);
    throw new CoastguardError(`${what}: ${ep.kind} engine answered ${status} (${msg})`, ep.where, status >= 500 ? ExitCode.NETWORK : ExitCode.INPUT);
  }

  async json<T>(path: string, what?: string): Promise<T> {
    const res = await this.open('GET', path, { what, timeoutMs: 60_000 });
    const body = await readAll(res);
    try {
      return JSON.parse(body.toString('utf8')) as T;
    } catch {
      throw new CoastguardError(`${what ?? path}: ${this.endpoint.kind} engine sent invalid JSON`, this.where, ExitCode.NETWORK);
    }
  }

  version() {
    return this.json<{ Version?: string; ApiVersion?: string; Components?: { Name: string; Version: string }[] }>('/version', 'engine version');
  }

  inspectImage(name: string) {
    return this.json<ImageInspect>(`/images/${encodeURIComponent(name)}/json`, `image ${name}`);
  }

  /** `docker save` of one image as a tar stream (docker-archive). */
  async saveImage(name: string): Promise<Readable> {
    return this.open('GET', `/images/${encodeURIComponent(name)}/get`, { what: `image ${name}` });
  }

  listContainers(all = false) {
    return this.json<ContainerSummary[]>(`/containers/json${all ? '?all=true' : ''}`, 'containers');
  }

  inspectContainer(id: string) {
    return this.json<ContainerInspect>(`/containers/${encodeURIComponent(id)}/json`, `container ${id}`);
  }

  changes(id: string) {
    return this.json<ChangeEntry[] | null>(`/containers/${encodeURIComponent(id)}/changes`, `container ${id}`);
  }

  /** A tar of one path inside the container (its body, for a file). */
  archive(id: string, path: string): Promise<IncomingMessage> {
    return this.open('GET', `/containers/${encodeURIComponent(id)}/archive?path=${encodeURIComponent(path)}`, { what: `container ${id}: ${path}` });
  }

  /** The engine's event stream (one JSON object per line), from `since` (unix seconds) when given. */
  events(since?: number): Promise<IncomingMessage> {
    const q = since !== undefined ? `?since=${since}` : '';
    return this.open('GET', `/events${q}`, { what: 'events' });
  }
}

function unreachable(ep: EngineEndpoint, e: NodeJS.ErrnoException): CoastguardError {
  const why = e.code === 'ENOENT' ? 'no socket' : e.code ?? e.message;
  return new CoastguardError(`${ep.kind} engine unreachable (${why})`, ep.where, ExitCode.NETWORK, { cause: e });
}

export async function readAll(s: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

import { CoastguardError, ExitCode } from '../../core/errors.js';
import type { Credentials } from './credentials.js';
import { Limits, mib, overLimit } from '../limits.js';
import { isLoopback, type ImageRef } from './reference.js';

export interface ClientOptions {
  credentials?: Credentials;
  /** Allow plain HTTP (and, as for Docker, skip nothing else) for non-loopback registries. */
  insecure?: boolean;
  retries?: number;
  timeoutMs?: number;
}

// Real tokens are a few KiB (JWTs).
const TOKEN_LIMIT = 1024 * 1024;

const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** Parses `Bearer realm="…",service="…",scope="…"` (quoted values may contain commas). */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const sp = header.indexOf(' ');
  const scheme = (sp === -1 ? header : header.slice(0, sp)).toLowerCase();
  const params: Record<string, string> = {};
  const re = /(\w+)=(?:"([^"]*)"|([^,\s]*))/g;
  let m;
  while ((m = re.exec(header.slice(sp + 1)))) params[m[1].toLowerCase()] = m[2] ?? m[3];
  return { scheme, params };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A response body read whole, but never more than `limit` bytes: a registry (or a token server)
 * that sends a 6 GB manifest is refused after `limit` bytes, not buffered.
 */
export async function readBounded(res: Response, limit: number, what: string, where: string): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    await res.body?.cancel();
    throw overLimit(what, declared, limit, where);
  }
  const chunks: Buffer[] = [];
  let n = 0;
  try {
    for await (const c of res.body ?? []) {
      n += c.length;
      // Leaving the loop cancels the body.
      if (n > limit) throw new CoastguardError(`${what} is over the ${mib(limit)} limit (${n} bytes sent so far)`, where, ExitCode.INPUT);
      chunks.push(Buffer.from(c));
    }
  } catch (e) {
    if (e instanceof CoastguardError) throw e;
    throw new CoastguardError(`${what}: the server stopped sending (${(e as Error).message})`, where, ExitCode.NETWORK, { cause: e });
  }
  return Buffer.concat(chunks);
}

/** A peer silent this long (no headers yet, or no body bytes since the last ones) is given up on. */
export const IDLE_TIMEOUT_MS = 30_000;

/**
 * fetch with per-request idle timeouts: the headers must arrive within `idleMs`, and then every
 * body chunk within `idleMs` of the last. A registry that trickles is cut off instead of holding
 * the scan (the whole scan is bounded by --timeout).
 */
async function fetchWatched(url: string, init: RequestInit, idleMs: number): Promise<Response> {
  const ctl = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = (what: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => ctl.abort(new Error(`${what} for ${idleMs / 1000} s`)), idleMs);
    timer.unref();
  };
  arm('no response headers');
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: ctl.signal });
  } catch (e) {
    clearTimeout(timer);
    throw ctl.signal.aborted ? Object.assign(new Error(String((ctl.signal.reason as Error).message)), { cause: { message: (ctl.signal.reason as Error).message } }) : e;
  }
  if (!res.body) {
    clearTimeout(timer);
    return res;
  }
  arm('no body bytes');
  const watched = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, c) {
        arm('no body bytes');
        c.enqueue(chunk);
      },
      flush() {
        clearTimeout(timer);
      },
    }),
  );
  return new Response(watched, { status: res.status, statusText: res.statusText, headers: res.headers });
}

/**
 * A client for one repository of an OCI distribution registry: anonymous, basic, or the bearer
 * token challenge flow; retries on network errors and 5xx/429 with backoff.
 */
export class RegistryClient {
  private authHeader?: string;
  readonly base: string;

  constructor(readonly ref: ImageRef, private opts: ClientOptions = {}) {
    const scheme = isLoopback(ref.apiHost) || opts.insecure ? 'http' : 'https';
    this.base = `${scheme}://${ref.apiHost}/v2/${ref.repository}`;
  }

  private where(path: string) {
    return `${this.base}${path}`;
  }

  private async authenticate(challenge: string, scope: string): Promise<void> {
    const { scheme, params } = parseChallenge(challenge);
    const c = this.opts.credentials;
    const basic = c?.username !== undefined ? 'Basic ' + Buffer.from(`${c.username}:${c.password ?? ''}`).toString('base64') : undefined;
    if (scheme === 'basic') {
      if (!basic) throw new CoastguardError('registry requires authentication: no credentials found (docker login, --username/--password-stdin, or COASTGUARD_USERNAME/COASTGUARD_PASSWORD)', this.ref.registry, ExitCode.AUTH);
      this.authHeader = basic;
      return;
    }
    if (scheme !== 'bearer' || !params.realm) throw new CoastguardError(`unsupported authentication challenge "${challenge}"`, this.ref.registry, ExitCode.AUTH);
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', params.scope ?? scope);
    let res: Response;
    if (c?.identityToken) {
      const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: c.identityToken, service: params.service ?? '', scope: params.scope ?? scope, client_id: 'coastguard' });
      res = await this.send(params.realm, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    } else {
      res = await this.send(url.toString(), { headers: basic ? { authorization: basic } : {} });
    }
    if (res.status === 401 || res.status === 403) throw new CoastguardError(`authentication failed: token server refused the credentials (HTTP ${res.status})`, this.ref.registry, ExitCode.AUTH);
    if (!res.ok) throw new CoastguardError(`token server answered HTTP ${res.status}`, params.realm, ExitCode.NETWORK);
    let j: { token?: unknown; access_token?: unknown };
    try {
      j = JSON.parse((await readBounded(res, TOKEN_LIMIT, 'token response', params.realm)).toString('utf8'));
    } catch (e) {
      if (e instanceof CoastguardError) throw e;
      throw new CoastguardError('token server answered with invalid JSON', params.realm, ExitCode.AUTH);
    }
    const token = j?.token ?? j?.access_token;
    if (typeof token !== 'string' || !token) throw new CoastguardError('token server gave no token', params.realm, ExitCode.AUTH);
    this.authHeader = `Bearer ${token}`;
  }

  /** One HTTP request with retries for transient failures; never throws a raw fetch error. */
  private async send(url: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
    const retries = this.opts.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetchWatched(url, { ...init, redirect: 'follow' }, this.opts.timeoutMs ?? IDLE_TIMEOUT_MS);
        if ((res.status >= 500 || res.status === 429) && attempt < retries) {
          await res.body?.cancel();
          await sleep(200 * 2 ** attempt);
          continue;
        }
        return res;
      } catch (e) {
        if (attempt < retries) {
          await sleep(200 * 2 ** attempt);
          continue;
        }
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        throw new CoastguardError(`registry unreachable (${cause?.code ?? cause?.message ?? (e as Error).message})`, url, ExitCode.NETWORK, { cause: e });
      }
    }
  }

  /** A request to any URL of this registry with the current authorization (uploads follow Location). */
  async raw(url: string, init: { method: string; body?: Buffer; headers?: Record<string, string> }): Promise<Response> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (this.authHeader) headers.authorization = this.authHeader;
    return this.send(url, { method: init.method, body: init.body as unknown as BodyInit, headers });
  }

  /** GET/HEAD with the auth dance: on 401, answer the challenge once and try again. */
  async request(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
    const url = this.where(path);
    const doIt = () => this.send(url, { method, headers: { ...headers, ...(this.authHeader ? { authorization: this.authHeader } : {}) } });
    let res = await doIt();
    if (res.status === 401) {
      const challenge = res.headers.get('www-authenticate');
      await res.body?.cancel();
      if (!challenge || this.authHeader?.startsWith('Basic')) {
        throw new CoastguardError('authentication failed: the registry refused the credentials', this.ref.registry, ExitCode.AUTH);
      }
      await this.authenticate(challenge, `repository:${this.ref.repository}:${method === 'GET' || method === 'HEAD' ? 'pull' : 'pull,push'}`);
      res = await doIt();
      if (res.status === 401) {
        await res.body?.cancel();
        throw new CoastguardError('authentication failed: the registry refused the credentials', this.ref.registry, ExitCode.AUTH);
      }
    }
    return res;
  }

  async getManifest(reference: string): Promise<{ body: Buffer; mediaType: string; digest?: string }> {
    const res = await this.request(`/manifests/${reference}`, { accept: MANIFEST_ACCEPT });
    if (res.status === 404) throw new CoastguardError(`manifest unknown: ${this.ref.repository}:${reference}`, this.ref.registry, ExitCode.INPUT);
    if (res.status === 403) throw new CoastguardError(`access denied to ${this.ref.repository}`, this.ref.registry, ExitCode.AUTH);
    if (!res.ok) throw new CoastguardError(`registry answered HTTP ${res.status} for manifest ${reference}`, this.where(`/manifests/${reference}`), ExitCode.NETWORK);
    const body = await readBounded(res, Limits.imageJsonBytes, `manifest ${reference}`, this.where(`/manifests/${reference}`));
    return { body, mediaType: (res.headers.get('content-type') ?? '').split(';')[0], digest: res.headers.get('docker-content-digest') ?? undefined };
  }

  /** Starts a blob download, optionally from a byte offset (resume). */
  async getBlob(digest: string, offset = 0): Promise<Response> {
    const res = await this.request(`/blobs/${digest}`, offset > 0 ? { range: `bytes=${offset}-` } : {});
    if (res.status === 404) throw new CoastguardError(`blob unknown: ${digest}`, this.ref.registry, ExitCode.INPUT);
    if (!res.ok) throw new CoastguardError(`registry answered HTTP ${res.status} for blob ${digest}`, this.where(`/blobs/${digest}`), ExitCode.NETWORK);
    return res;
  }
}

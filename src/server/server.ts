import { listen as listenOn } from '../core/listen.js';
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { CoastguardError, ExitCode } from '../core/errors.js';
import { Authenticator, type Principal } from './auth.js';
import { ServerCore } from './core.js';
import { ApiError, DEFAULT_MAX_BODY, readBody, readJson, sendError, sendJson } from './http.js';
import { ALL_ROUTES, type Route, type RouteContext } from './routes/index.js';
import type { ServerServices } from './services.js';
import type { Store } from './store/index.js';
import type { UiContext } from './ui-context.js';
import { handleUi } from './ui/index.js';

const HARBOR_ERROR_MIME = 'application/vnd.scanner.adapter.error+json; version=1.0';
export { SERVER_VERSION } from './version.js';
import { SERVER_VERSION } from './version.js';

export interface HttpOptions {
  host: string;
  port: number;
  adminToken: string;
  maxBodyBytes?: number;
  /** Whole-request timeout (ms): a client that trickles its body is cut off. */
  requestTimeoutMs?: number;
  tls?: { cert: Buffer; key: Buffer };
  /** Extra routes (e.g. the Harbor adapter under /harbor/), matched like the API's. */
  extraRoutes?: Route[];
  log?: (line: string) => void;
}

export interface RunningHttp {
  server: Server;
  url: string;
  close(): Promise<void>;
}

interface CompiledRoute {
  route: Route;
  re: RegExp;
  names: string[];
}

function compile(routes: Route[]): CompiledRoute[] {
  return routes.map((route) => {
    const names: string[] = [];
    const re = new RegExp(
      '^' +
        route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([a-zA-Z]+)/g, (_m, n: string) => {
          names.push(n);
          return '([^/]+)';
        }) +
        '/?$',
    );
    return { route, re, names };
  });
}

/**
 * The HTTP(S) listener: routes /api/ and /harbor/ requests (auth, size caps, JSON errors, audit
 * of writes) and hands every other path to the dashboard. A handler's error becomes a 4xx/5xx
 * JSON answer; nothing a client sends can stop the process.
 */
export async function listen(core: ServerCore, store: Store, services: ServerServices, o: HttpOptions): Promise<RunningHttp> {
  const auth = new Authenticator(store, o.adminToken);
  const maxBody = o.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const routes = compile([...ALL_ROUTES, ...(o.extraRoutes ?? [])]);
  const log = o.log ?? (() => undefined);
  let ui: UiContext;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://server.invalid');
    const path = url.pathname;
    if (!path.startsWith('/api/') && !path.startsWith('/harbor/')) {
      if (await handleUi(req, res, ui)) return;
      throw new ApiError(404, `no such page: ${path}`);
    }
    let found: { c: CompiledRoute; m: RegExpExecArray } | undefined;
    let pathMatched = false;
    for (const c of routes) {
      const m = c.re.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (c.route.method === req.method) {
        found = { c, m };
        break;
      }
    }
    if (!found) throw new ApiError(pathMatched ? 405 : 404, pathMatched ? `method ${req.method} not allowed on ${path}` : `no such API route: ${path}`);
    const { c, m } = found;
    const params: Record<string, string> = {};
    try {
      c.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
    } catch {
      throw new ApiError(400, `bad percent-encoding in ${path}`);
    }
    let principal: Principal | undefined;
    if (c.route.scope) principal = await auth.check(req, c.route.scope);
    const ctx: RouteContext = {
      req,
      res,
      url,
      params,
      core,
      store,
      services,
      principal,
      json: () => readJson(req, maxBody),
      body: () => readBody(req, maxBody),
      auditDetail: {},
    };
    await c.route.handle(ctx);
    if (req.method !== 'GET' && res.statusCode < 400) {
      await store.audit({ actor: principal?.name ?? 'anonymous', action: `${req.method} ${c.route.path}`, target: path, detail: ctx.auditDetail, remote: req.socket.remoteAddress });
    }
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      // Bad input the library itself refused (a malformed SBOM, a bad reference): the client's fault.
      if (e instanceof CoastguardError && e.exitCode !== ExitCode.INTERNAL) e = new ApiError(400, e.message);
      if (e instanceof ApiError) {
        if (req.url?.startsWith('/harbor/')) sendJson(res, e.status, { error: { message: e.message } }, { ...e.headers, 'content-type': HARBOR_ERROR_MIME });
        else sendError(res, e);
        // The rest of an oversized body is not read: close instead of draining it.
        if (e.status === 413) req.destroy();
        return;
      }
      log(`coastguard server: error on ${req.method} ${req.url}: ${(e as Error).message}`);
      sendJson(res, 500, { error: 'internal error (see the server log)', status: 500 });
    });
  };

  const server = o.tls ? createHttps({ cert: o.tls.cert, key: o.tls.key }, onRequest) : createHttp(onRequest);
  server.requestTimeout = o.requestTimeoutMs ?? 120_000;
  server.headersTimeout = Math.min(30_000, server.requestTimeout);
  server.keepAliveTimeout = 5_000;
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"error":"malformed HTTP request","status":400}');
    else socket.destroy();
  });
  const { host, port } = await listenOn(server, o.port, o.host);
  const url = `${o.tls ? 'https' : 'http'}://${host}:${port}`;
  ui = {
    apiBaseUrl: url,
    apiPrefix: '/api/v1',
    version: SERVER_VERSION,
    async api(p, init = {}) {
      const r = await fetch(url + p, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await r.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON: the text itself */
      }
      return { status: r.status, body };
    },
  };
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

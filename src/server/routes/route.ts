import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../auth.js';
import type { ServerCore } from '../core.js';
import type { Store } from '../store/index.js';
import type { Scope } from '../types.js';
import type { ServerServices } from '../services.js';

/** What a route handler gets: the request, its path parameters, the server's parts, the caller. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  core: ServerCore;
  store: Store;
  services: ServerServices;
  principal: Principal | undefined;
  /** Reads the JSON body under the server's size cap (400 for garbage, 413 past the cap). */
  json(): Promise<unknown>;
  /** Reads the raw body under the server's size cap. */
  body(): Promise<Buffer>;
  /** Detail to record in the audit log for this write (writes are audited after they succeed). */
  auditDetail: Record<string, unknown>;
}

/**
 * One API route. `path` uses `:name` for a path segment (URL-decoded into params). `scope` null
 * means no token needed. Every route module exports `routes: Route[]` and is listed in
 * routes/index.ts (a test checks that no module is left out).
 */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  scope: Scope | null;
  summary: string;
  handle(ctx: RouteContext): Promise<void>;
}

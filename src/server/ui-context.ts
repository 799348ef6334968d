/**
 * What the dashboard (src/server/ui/) gets from the server. The UI reads data only through the
 * public API: `apiBaseUrl` for the browser (same origin) and `api()` for server-side rendering,
 * which makes a real HTTP request to this server with the caller's token.
 */
export interface UiContext {
  /** The server's own base URL, e.g. `http://127.0.0.1:4954` (https with --tls-cert). */
  apiBaseUrl: string;
  /** The API prefix: `/api/v1`. */
  apiPrefix: string;
  /** Calls the public API over HTTP, as any client would. */
  api(path: string, init?: { token?: string; method?: string; body?: unknown }): Promise<{ status: number; body: unknown }>;
  version: string;
}

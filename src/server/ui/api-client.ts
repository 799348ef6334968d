import type { UiContext } from '../ui-context.js';

/** An API answer other than 2xx, carried to the page that asked (401 → sign-in, 403/404 → a message). */
export class UiApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** The public API with the signed-in user's token: the dashboard's only source of data. */
export class UiApi {
  constructor(private readonly ctx: UiContext, readonly token: string) {}

  async get<T = any>(path: string): Promise<T> {
    return this.call<T>(path, {});
  }

  async send<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    return this.call<T>(path, { method, body });
  }

  private async call<T>(path: string, init: { method?: string; body?: unknown }): Promise<T> {
    const r = await this.ctx.api(this.ctx.apiPrefix + path, { token: this.token, ...init });
    if (r.status >= 200 && r.status < 300) return r.body as T;
    const msg = typeof r.body === 'object' && r.body && 'error' in r.body ? String((r.body as { error: unknown }).error) : `HTTP ${r.status}`;
    throw new UiApiError(r.status, msg);
  }
}

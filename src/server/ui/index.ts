import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UiContext } from '../ui-context.js';
import { UiApi, UiApiError } from './api-client.js';
import { asset } from './assets.js';
import { html, type Html } from './html.js';
import { page, type Section } from './layout.js';
import { adminPage } from './pages/admin.js';
import { eventsPage } from './pages/events.js';
import { imagePage } from './pages/image.js';
import { loginBody } from './pages/login.js';
import { overviewPage } from './pages/overview.js';
import { rulesPage } from './pages/rules.js';
import { vulnerabilityPage } from './pages/vulnerability.js';
import { clearSession, sessionToken, setSession } from './session.js';

/**
 * The dashboard (docs/dashboard.md): server-rendered pages over the public API, called with the
 * signed-in user's token. Returns false for paths it does not own, so the server answers 404.
 */
export async function handleUi(req: IncomingMessage, res: ServerResponse, ctx: UiContext): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://ui.invalid');
  const path = url.pathname;
  const secure = ctx.apiBaseUrl.startsWith('https:');
  const method = req.method ?? 'GET';

  if (method === 'GET' && path.startsWith('/assets/')) {
    const a = asset(path);
    if (!a) return false;
    res.writeHead(200, { 'content-type': a.type, 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' });
    res.end(a.body);
    return true;
  }
  if (path === '/login' && method === 'GET') {
    sendHtml(res, 200, page('Sign in', 'none', loginBody(undefined, safeNext(url.searchParams.get('next'))), { signedIn: false }));
    return true;
  }
  if (path === '/login' && method === 'POST') {
    const form = await readForm(req);
    const token = (form.get('token') ?? '').trim();
    const next = safeNext(form.get('next'));
    const check = token ? await ctx.api(`${ctx.apiPrefix}/images?limit=1`, { token }) : { status: 401, body: {} };
    if (check.status === 200) {
      setSession(res, token, secure);
      redirect(res, next);
    } else {
      const why = check.status === 403 ? 'This token lacks the read scope.' : check.status === 401 ? 'That token is not valid (unknown or expired).' : `The server answered ${check.status}.`;
      sendHtml(res, 401, page('Sign in', 'none', loginBody(why, next), { signedIn: false }));
    }
    return true;
  }
  if (path === '/logout' && method === 'POST') {
    clearSession(res, secure);
    redirect(res, '/login');
    return true;
  }

  const route = matchPage(method, path);
  if (!route) return false;
  const token = sessionToken(req);
  if (!token) {
    if (route.kind === 'proxy') sendJsonError(res, 401, 'not signed in');
    else redirect(res, `/login?next=${encodeURIComponent(path + url.search)}`);
    return true;
  }
  const api = new UiApi(ctx, token);
  try {
    if (route.kind === 'proxy') {
      // Same-origin door for the page script (the token stays in the HttpOnly cookie): GET only.
      const r = await ctx.api(path.slice('/ui'.length) + url.search, { token });
      res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(r.body));
      return true;
    }
    if (route.kind === 'form') {
      await handleForm(req, res, api, route);
      return true;
    }
    const view = await route.render(api, url.searchParams);
    sendHtml(res, 200, page(view.title, route.section, view.body));
  } catch (e) {
    if (!(e instanceof UiApiError)) throw e;
    if (e.status === 401) {
      clearSession(res, secure);
      redirect(res, `/login?next=${encodeURIComponent(path + url.search)}`);
    } else {
      const title = e.status === 404 ? 'Not found' : e.status === 403 ? 'Not allowed' : 'Error';
      sendHtml(res, e.status, page(title, route.kind === 'page' ? route.section : 'none', html`<h1>${title}</h1><p role="alert">${e.message}</p><p><a href="/">Back to the overview</a></p>`));
    }
  }
  return true;
}

type View = { title: string; body: Html };
type PageRoute =
  | { kind: 'page'; section: Section; render(api: UiApi, q: URLSearchParams): Promise<View> }
  | { kind: 'proxy' }
  | { kind: 'form'; action: 'create-token' | 'delete-token'; id?: string };

function matchPage(method: string, path: string): PageRoute | undefined {
  if (method === 'GET') {
    if (path === '/') return { kind: 'page', section: 'overview', render: overviewPage };
    if (path === '/rules') return { kind: 'page', section: 'rules', render: rulesPage };
    if (path === '/events') return { kind: 'page', section: 'events', render: eventsPage };
    if (path === '/admin') return { kind: 'page', section: 'admin', render: (api, q) => adminPage(api, q) };
    if (path.startsWith('/ui/api/v1/')) return { kind: 'proxy' };
    const img = /^\/images\/([^/]+)$/.exec(path);
    if (img) return { kind: 'page', section: 'overview', render: (api, q) => imagePage(api, decode(img[1]), q) };
    const vuln = /^\/vulnerabilities\/([^/]+)$/.exec(path);
    if (vuln) return { kind: 'page', section: 'none', render: (api, q) => vulnerabilityPage(api, decode(vuln[1]), q) };
  }
  if (method === 'POST') {
    if (path === '/admin/tokens') return { kind: 'form', action: 'create-token' };
    const del = /^\/admin\/tokens\/(\d+)\/delete$/.exec(path);
    if (del) return { kind: 'form', action: 'delete-token', id: del[1] };
  }
  return undefined;
}

async function handleForm(req: IncomingMessage, res: ServerResponse, api: UiApi, route: Extract<PageRoute, { kind: 'form' }>): Promise<void> {
  const form = await readForm(req);
  if (route.action === 'delete-token') {
    await api.send('DELETE', `/tokens/${route.id}`);
    redirect(res, '/admin');
    return;
  }
  const expiresAt = (form.get('expiresAt') ?? '').trim();
  const created = await api.send<{ name: string; token: string }>('POST', '/tokens', { name: (form.get('name') ?? '').trim(), scopes: form.getAll('scopes'), ...(expiresAt ? { expiresAt } : {}) });
  // Shown once, on this answer only (never in a URL).
  const view = await adminPage(api, new URLSearchParams(), created);
  sendHtml(res, 201, page(view.title, 'admin', view.body));
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

const MAX_FORM = 16 * 1024;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > MAX_FORM) throw new UiApiError(413, 'form too large');
    chunks.push(c);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function sendHtml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS });
  res.end(body);
}

function sendJsonError(res: ServerResponse, status: number, error: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error, status }));
}

function redirect(res: ServerResponse, to: string): void {
  res.writeHead(303, { location: to, 'cache-control': 'no-store' });
  res.end();
}

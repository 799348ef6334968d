import { hashToken, newToken } from '../auth.js';
import { badRequest, notFound, sendJson } from '../http.js';
import { SCOPES, type Scope } from '../types.js';
import type { Route } from './route.js';

const MAX_NAME = 200;

export const routes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/tokens',
    scope: 'admin',
    summary: 'create a token: {"name", "scopes": ["read"|"upload"|"admin"], "expiresAt"?: ISO time}; the token is in this answer only',
    async handle(ctx) {
      const body = (await ctx.json()) as Record<string, unknown>;
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('expected a JSON object {"name", "scopes"}');
      const name = body.name;
      if (typeof name !== 'string' || !name.trim() || name.length > MAX_NAME) throw badRequest(`name must be a non-empty string of at most ${MAX_NAME} characters`);
      const scopes = body.scopes;
      if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => SCOPES.includes(s as Scope))) throw badRequest(`scopes must be a non-empty list of ${SCOPES.join(', ')}`);
      let expiresAt: string | undefined;
      if (body.expiresAt !== undefined) {
        const t = typeof body.expiresAt === 'string' ? Date.parse(body.expiresAt) : NaN;
        if (!Number.isFinite(t)) throw badRequest('expiresAt must be an ISO 8601 time');
        expiresAt = new Date(t).toISOString();
      }
      const token = newToken();
      const info = await ctx.store.insertToken({ name: name.trim(), hash: hashToken(token), scopes: [...new Set(scopes as Scope[])], expiresAt });
      ctx.auditDetail = { id: info.id, name: info.name, scopes: info.scopes, expiresAt };
      sendJson(ctx.res, 201, { ...info, token });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/tokens',
    scope: 'admin',
    summary: 'list tokens (never the token values: only their hashes are stored)',
    async handle({ res, store }) {
      sendJson(res, 200, { items: await store.listTokens() });
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/tokens/:id',
    scope: 'admin',
    summary: 'revoke a token',
    async handle(ctx) {
      const id = Number(ctx.params.id);
      if (!Number.isInteger(id) || !(await ctx.store.deleteToken(id))) throw notFound(`no token ${ctx.params.id}`);
      ctx.auditDetail = { id };
      sendJson(ctx.res, 200, { deleted: id });
    },
  },
];

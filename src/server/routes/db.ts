import { ApiError, sendJson } from '../http.js';
import type { Route } from './route.js';

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/db',
    scope: 'read',
    summary: "the server's vulnerability DB (built at, sources, namespaces) and the last re-match",
    async handle({ res, core }) {
      const db = core.vulnDb.current;
      const info = db?.info();
      sendJson(res, 200, {
        path: core.vulnDb.path ?? null,
        loaded: !!db,
        ...(info ? { builtAt: info.builtAt, schemaVersion: info.schemaVersion, vulns: info.vulns, affectedRows: info.affectedRows, sources: info.sources } : {}),
        ...(core.vulnDb.lastError ? { refused: core.vulnDb.lastError } : {}),
        lastRematch: core.lastRematch ?? null,
      });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/db/reload',
    scope: 'admin',
    summary: 'reopen the DB file and re-match every stored inventory now; answers when done with the counts',
    async handle(ctx) {
      const r = ctx.core.vulnDb.reload(true);
      if (r.result === 'refused') throw new ApiError(422, `new vulnerability DB refused, the old one is kept: ${r.error}`);
      const stats = await ctx.core.rematchAll();
      ctx.auditDetail = { ...stats };
      sendJson(ctx.res, 200, stats);
    },
  },
];

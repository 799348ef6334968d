import { sendJson } from '../http.js';
import type { Route } from './route.js';

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/health',
    scope: null,
    summary: 'liveness: store kind and whether a vulnerability DB is loaded (no token needed)',
    async handle({ res, store, core }) {
      sendJson(res, 200, { status: 'ok', store: store.kind, vulnDb: core.vulnDb.current ? { builtAt: core.vulnDb.current.builtAt.toISOString() } : null });
    },
  },
];

import { badRequest, pageParams, sendJson } from '../http.js';
import type { Route } from './route.js';

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/audit',
    scope: 'admin',
    summary: 'the audit log of every write (who, what, when, from where), oldest first: ?after=ID &limit',
    async handle({ res, url, store }) {
      const after = url.searchParams.get('after') ?? '0';
      if (!/^\d+$/.test(after)) throw badRequest('after must be an audit entry id');
      sendJson(res, 200, { items: await store.auditLog(pageParams(url.searchParams, 500, 5000).limit, Number(after)) });
    },
  },
];

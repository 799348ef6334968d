import { badRequest, pageParams, sendJson } from '../http.js';
import type { EventType } from '../types.js';
import type { Route } from './route.js';

/** `?since=ISO` as a normalised ISO time, or undefined; anything else is a 400. */
function sinceParam(q: URLSearchParams): string | undefined {
  const since = q.get('since') || undefined;
  if (since && !Number.isFinite(Date.parse(since))) throw badRequest('since must be an ISO 8601 time');
  return since && new Date(since).toISOString();
}

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/events',
    scope: 'read',
    summary: 'new and resolved findings over time, oldest first (order=newest for the latest): ?after=ID (poll with the last id) &since=ISO &digest &type=findings.new|findings.resolved &limit &order',
    async handle({ res, url, store }) {
      const q = url.searchParams;
      const { limit } = pageParams(q, 500, 5000);
      const after = q.get('after');
      if (after !== null && !/^\d+$/.test(after)) throw badRequest('after must be an event id');
      const type = q.get('type') || undefined;
      if (type && type !== 'findings.new' && type !== 'findings.resolved') throw badRequest('type must be findings.new or findings.resolved');
      const since = sinceParam(q);
      const order = q.get('order') || 'oldest';
      if (order !== 'oldest' && order !== 'newest') throw badRequest('order must be oldest or newest');
      const r = await store.events({ limit, after: after === null ? undefined : Number(after), digest: q.get('digest') || undefined, type: type as EventType | undefined, since, newest: order === 'newest' });
      sendJson(res, 200, r);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/events/trend',
    scope: 'read',
    summary: 'new and resolved findings per UTC day, oldest day first: ?since=ISO &digest',
    async handle({ res, url, store }) {
      const q = url.searchParams;
      sendJson(res, 200, { days: await store.eventsPerDay({ digest: q.get('digest') || undefined, since: sinceParam(q) }) });
    },
  },
];

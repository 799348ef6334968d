import { ApiError, badRequest, notFound, sendJson } from '../http.js';
import type { Route } from './route.js';

/** A registry reference: [host[:port]/]repo[:tag][@sha256:…], nothing else (no URLs, no spaces). */
const REF = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/i;

export const routes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/scan-requests',
    scope: 'upload',
    summary: 'scan an image on the server: {"ref": "registry/repo:tag"} → 202 with the request (status queued); the job queue pulls and scans it',
    async handle(ctx) {
      const body = (await ctx.json()) as { ref?: unknown };
      const ref = body && typeof body === 'object' ? body.ref : undefined;
      if (typeof ref !== 'string' || ref.length > 512 || !REF.test(ref)) throw badRequest('ref must be an image reference (registry/repository:tag or @sha256:…)');
      const queue = ctx.services.queue;
      if (!queue) throw new ApiError(503, 'server-side scans are not enabled on this server');
      const req = await queue.enqueue(ref, 'api');
      ctx.auditDetail = { id: req.id, ref };
      sendJson(ctx.res, 202, req, { location: `/api/v1/scan-requests/${req.id}` });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/scan-requests/:id',
    scope: 'read',
    summary: 'a scan request: {"id","ref","origin","status":"queued"|"running"|"done"|"failed","digest"?,"error"?,"attempts","createdAt","updatedAt"}',
    async handle(ctx) {
      const req = await ctx.store.scanRequest(ctx.params.id);
      if (!req) throw notFound(`no scan request ${ctx.params.id}`);
      sendJson(ctx.res, 200, req);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/scan-requests',
    scope: 'read',
    summary: 'every scan request, oldest first: ?status=queued|running|done|failed',
    async handle(ctx) {
      const status = ctx.url.searchParams.get('status') || undefined;
      if (status && !['queued', 'running', 'done', 'failed'].includes(status)) throw badRequest('status must be queued, running, done or failed');
      sendJson(ctx.res, 200, { items: await ctx.store.scanRequests(status as 'queued' | undefined) });
    },
  },
];

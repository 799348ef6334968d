import { notFound, pageParams, sendJson } from '../http.js';
import type { Route } from './route.js';

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/vulnerabilities/:id',
    scope: 'read',
    summary: "a vulnerability as the server's DB describes it: title, description, severity, CVSS, references, aliases, published",
    async handle(ctx) {
      const db = ctx.core.vulnDb.current;
      const id = ctx.params.id;
      const v = db?.vuln(id) ?? db?.byAlias(id)[0];
      if (!v) throw notFound(`no vulnerability ${id} in the server's DB`);
      const related = db!.byAlias(v.id).map((r) => r.id).filter((x) => x !== v.id);
      sendJson(ctx.res, 200, { ...v, ...(related.length ? { relatedRecords: related } : {}) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/vulnerabilities/:id/images',
    scope: 'read',
    summary: 'images with a finding whose id or alias is ID ("where is CVE-X?"), each with the findings: ?limit &offset',
    async handle(ctx) {
      const { limit, offset } = pageParams(ctx.url.searchParams);
      sendJson(ctx.res, 200, { id: ctx.params.id, ...(await ctx.store.imagesWithVuln(ctx.params.id, limit, offset)) });
    },
  },
];

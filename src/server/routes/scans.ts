import { sendJson } from '../http.js';
import type { Route } from './route.js';

export const routes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/scans',
    scope: 'upload',
    summary: "upload a scan result (native JSON, as `--format json` writes it); answers the image's summary and how many findings are new or resolved",
    async handle(ctx) {
      const r = await ctx.core.saveScan(await ctx.json());
      ctx.auditDetail = { digest: r.image.digest, name: r.image.name, new: r.new, resolved: r.resolved };
      sendJson(ctx.res, 201, r);
    },
  },
];

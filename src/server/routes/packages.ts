import { badRequest, pageParams, sendJson } from '../http.js';
import type { Route } from './route.js';

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/packages',
    scope: 'read',
    summary: 'images holding a package: ?purl=pkg:TYPE/NS/NAME[@VERSION] (without a version: every version) &limit &offset',
    async handle(ctx) {
      const purl = ctx.url.searchParams.get('purl');
      if (!purl || !purl.startsWith('pkg:')) throw badRequest('purl query parameter required (pkg:type/namespace/name[@version])');
      const { limit, offset } = pageParams(ctx.url.searchParams);
      sendJson(ctx.res, 200, { purl, ...(await ctx.store.imagesWithPackage(purl, limit, offset)) });
    },
  },
];

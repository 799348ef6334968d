import { SEVERITIES } from '../../core/severity.js';
import { badRequest, notFound, pageParams, sendJson } from '../http.js';
import { IMAGE_SORTS, type ImageSort } from '../store/index.js';
import type { Route, RouteContext } from './route.js';

async function imageOr404(ctx: RouteContext) {
  const image = await ctx.store.imageSummary(ctx.params.digest);
  if (!image) throw notFound(`no image ${ctx.params.digest}`);
  return image;
}

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/images',
    scope: 'read',
    summary: 'stored images: ?limit (1-1000, default 100) &offset &sort=name|lastScan|firstSeen|critical|high|packages (prefix - for descending; default -lastScan) &name=SUBSTRING',
    async handle({ res, url, store }) {
      const { limit, offset } = pageParams(url.searchParams);
      const sortText = url.searchParams.get('sort') ?? '-lastScan';
      const desc = sortText.startsWith('-');
      const sort = sortText.replace(/^-/, '') as ImageSort;
      if (!IMAGE_SORTS.includes(sort)) throw badRequest(`sort must be one of ${IMAGE_SORTS.join(', ')} (prefix - for descending)`);
      sendJson(res, 200, await store.listImages({ limit, offset, sort, desc, name: url.searchParams.get('name') || undefined }));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/images/:digest',
    scope: 'read',
    summary: "one image's summary and artifact (OS, image config facts)",
    async handle(ctx) {
      const image = await ctx.store.image(ctx.params.digest);
      if (!image) throw notFound(`no image ${ctx.params.digest}`);
      const { id: _id, inventory: _inv, suppressed, ...rest } = image;
      sendJson(ctx.res, 200, { ...rest, suppressed: suppressed.length });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/images/:digest/findings',
    scope: 'read',
    summary: 'findings of an image (native finding objects + firstSeen), worst first: ?kind &severity &limit &offset',
    async handle(ctx) {
      const image = await imageOr404(ctx);
      const q = ctx.url.searchParams;
      const severity = q.get('severity')?.toUpperCase() || undefined;
      if (severity && !SEVERITIES.includes(severity as (typeof SEVERITIES)[number])) throw badRequest(`severity must be one of ${SEVERITIES.join(', ')}`);
      const kind = q.get('kind') || undefined;
      sendJson(ctx.res, 200, { image: { name: image.name, digest: image.digest }, ...(await ctx.store.findingsPage(image.id, { ...pageParams(q, 1000, 10000), kind, severity })) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/images/:digest/packages',
    scope: 'read',
    summary: "an image's stored inventory (native package objects): ?limit &offset",
    async handle(ctx) {
      const image = await ctx.store.image(ctx.params.digest);
      if (!image) throw notFound(`no image ${ctx.params.digest}`);
      const { limit, offset } = pageParams(ctx.url.searchParams, 1000, 100000);
      sendJson(ctx.res, 200, { image: { name: image.name, digest: image.digest }, items: image.inventory.slice(offset, offset + limit), total: image.inventory.length, limit, offset });
    },
  },
];

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CLIENT_CSS } from './client-css.js';
import { CLIENT_JS } from './client-js.js';

/**
 * Every asset the dashboard uses, served by the server itself (works offline: no CDN, no web
 * fonts). uPlot comes from its npm package; our own script and styles are TypeScript string
 * modules so that `tsc` output and `tsx` both carry them without a copy step.
 */
const require = createRequire(import.meta.url);

interface Asset {
  type: string;
  load(): Buffer;
}

const fromPackage = (spec: string, type: string): Asset => ({ type, load: () => readFileSync(require.resolve(spec)) });
const fromString = (text: string, type: string): Asset => ({ type, load: () => Buffer.from(text) });

const ASSETS: Record<string, Asset> = {
  '/assets/app.js': fromString(CLIENT_JS, 'text/javascript; charset=utf-8'),
  '/assets/app.css': fromString(CLIENT_CSS, 'text/css; charset=utf-8'),
  '/assets/uplot.js': fromPackage('uplot/dist/uPlot.iife.min.js', 'text/javascript; charset=utf-8'),
  '/assets/uplot.css': fromPackage('uplot/dist/uPlot.min.css', 'text/css; charset=utf-8'),
};

const loaded = new Map<string, Buffer>();

export function asset(path: string): { type: string; body: Buffer } | undefined {
  const a = ASSETS[path];
  if (!a) return undefined;
  let body = loaded.get(path);
  if (!body) loaded.set(path, (body = a.load()));
  return { type: a.type, body };
}

import type { IncomingMessage, ServerResponse } from 'node:http';

/** Default cap on request bodies: a large image's native JSON is a few MB; 1 GB never reaches memory. */
export const DEFAULT_MAX_BODY = 64 * 1024 * 1024;

/** An error the API answers with its own status and a one-line JSON message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (msg: string) => new ApiError(400, msg);
export const notFound = (msg: string) => new ApiError(404, msg);

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, e: ApiError): void {
  sendJson(res, e.status, { error: e.message, status: e.status }, e.headers);
}

/**
 * Reads a body up to `max` bytes. A declared or streamed size over the cap is a 413 before the
 * rest is read; the connection is closed so the client stops sending.
 */
export async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    throw new ApiError(413, `request body larger than ${max} bytes`, { connection: 'close' });
  }
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new ApiError(413, `request body larger than ${max} bytes`, { connection: 'close' });
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts);
}

export async function readJson(req: IncomingMessage, max: number): Promise<unknown> {
  const body = await readBody(req, max);
  if (body.length === 0) throw badRequest('empty request body (JSON expected)');
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw badRequest(`request body is not valid JSON (${(e as Error).message})`);
  }
}

/** `limit` and `offset` query parameters, bounded. */
export function pageParams(q: URLSearchParams, defLimit = 100, maxLimit = 1000): { limit: number; offset: number } {
  const int = (name: string, def: number) => {
    const v = q.get(name);
    if (v === null || v === '') return def;
    if (!/^\d{1,9}$/.test(v)) throw badRequest(`${name} must be a non-negative integer, not "${v}"`);
    return Number(v);
  };
  const limit = int('limit', defLimit);
  if (limit < 1 || limit > maxLimit) throw badRequest(`limit must be between 1 and ${maxLimit}`);
  return { limit, offset: int('offset', 0) };
}

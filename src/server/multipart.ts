import { badRequest } from './http.js';

/**
 * The fields of a multipart/form-data body (RFC 7578), as Dependency-Track's CI plugins send
 * POST /api/v1/bom: name → content (files as their bytes). Only what that needs: no nested
 * multiparts, no transfer encodings besides identity.
 */
export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2]?.trim();
  if (!boundary || boundary.length > 200) throw badRequest('multipart/form-data body without a boundary');
  const delim = Buffer.from(`--${boundary}`);
  const fields = new Map<string, Buffer>();
  let pos = body.indexOf(delim);
  if (pos < 0) throw badRequest('multipart body does not start with its boundary');
  for (;;) {
    pos += delim.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break;
    if (body.subarray(pos, pos + 2).toString() === '\r\n') pos += 2;
    const headEnd = body.indexOf('\r\n\r\n', pos);
    if (headEnd < 0) throw badRequest('multipart part without a header end');
    const head = body.subarray(pos, headEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delim]), headEnd + 4);
    if (next < 0) throw badRequest('multipart body is truncated (no closing boundary)');
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(head)?.[1];
    if (name !== undefined) fields.set(name, body.subarray(headEnd + 4, next));
    pos = next + 2;
  }
  return fields;
}

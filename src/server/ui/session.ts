import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The sign-in session: the API token itself, in an HttpOnly, SameSite=Strict cookie (never in a
 * URL, never readable by page scripts). The server keeps no session state, so a restart signs
 * nobody out and every request is checked by the API exactly as a direct API call would be.
 */
export const COOKIE = 'cg_session';

export function sessionToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() === COOKIE) {
      try {
        const v = decodeURIComponent(part.slice(i + 1).trim());
        return v || undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function cookie(value: string, maxAge: number | undefined, secure: boolean): string {
  return [`${COOKIE}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : []), ...(maxAge !== undefined ? [`Max-Age=${maxAge}`] : [])].join('; ');
}

/** A session cookie (no Max-Age: gone when the browser closes). */
export function setSession(res: ServerResponse, token: string, secure: boolean): void {
  res.setHeader('set-cookie', cookie(token, undefined, secure));
}

export function clearSession(res: ServerResponse, secure: boolean): void {
  res.setHeader('set-cookie', cookie('', 0, secure));
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { configError } from '../core/errors.js';
import { ApiError } from './http.js';
import type { Store } from './store/index.js';
import type { Scope } from './types.js';

/** Who made a request: a stored token, or the admin token from the file. */
export interface Principal {
  name: string;
  tokenId?: number;
  scopes: Scope[];
}

/** Tokens are random (256 bits), so a plain SHA-256 is enough to store them: nothing to brute-force. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => `cgt_${randomBytes(32).toString('base64url')}`;

/**
 * The admin token: read from the file, or made and written there (mode 0600) on first start so
 * the operator can read it once and create narrower tokens with it.
 */
export function loadAdminToken(file: string): { token: string; created: boolean } {
  if (existsSync(file)) {
    let token: string;
    try {
      token = readFileSync(file, 'utf8').trim();
    } catch (e) {
      throw configError(`cannot read admin token file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file);
    }
    if (token.length < 16) throw configError('admin token file holds less than 16 characters', file);
    return { token, created: false };
  }
  const token = newToken();
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, token + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return { token, created: true };
}

/** The bearer token of a request: `Authorization: Bearer T`, or the API-key headers Dependency-Track and Harbor clients send. */
export function requestToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer:?\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
    // Basic with the token as password (any user name): what registry-style clients can send.
    const b = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(auth);
    if (b) {
      const text = Buffer.from(b[1], 'base64').toString('utf8');
      const i = text.indexOf(':');
      if (i >= 0 && text.length > i + 1) return text.slice(i + 1);
    }
  }
  const key = req.headers['x-api-key'] ?? req.headers['x-scanneradapter-api-key'];
  return typeof key === 'string' && key ? key : undefined;
}

export class Authenticator {
  private readonly adminHash: Buffer;

  constructor(
    private readonly store: Store,
    adminToken: string,
  ) {
    this.adminHash = Buffer.from(hashToken(adminToken), 'hex');
  }

  /** 401 without a valid, unexpired token; 403 when the token lacks `scope` (admin holds every scope). */
  async check(req: IncomingMessage, scope: Scope): Promise<Principal> {
    const token = requestToken(req);
    if (!token) throw new ApiError(401, 'authentication required: send Authorization: Bearer TOKEN', { 'www-authenticate': 'Bearer realm="coastguard"' });
    const hash = hashToken(token);
    let p: Principal | undefined;
    if (timingSafeEqual(Buffer.from(hash, 'hex'), this.adminHash)) {
      p = { name: 'admin', scopes: ['admin', 'read', 'upload'] };
    } else {
      const t = await this.store.tokenByHash(hash);
      if (t && t.expiresAt && Date.parse(t.expiresAt) <= Date.now()) {
        throw new ApiError(401, 'token expired', { 'www-authenticate': 'Bearer realm="coastguard", error="invalid_token"' });
      }
      if (t) {
        p = { name: t.name, tokenId: t.id, scopes: t.scopes };
        void this.store.touchToken(t.id).catch(() => undefined);
      }
    }
    if (!p) throw new ApiError(401, 'invalid token', { 'www-authenticate': 'Bearer realm="coastguard", error="invalid_token"' });
    if (!p.scopes.includes(scope) && !p.scopes.includes('admin')) throw new ApiError(403, `token "${p.name}" lacks the ${scope} scope`);
    return p;
  }
}

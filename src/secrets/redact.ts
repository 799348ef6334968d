import { createHash } from 'node:crypto';

/** Keeps the first 4 characters, masks the rest (length kept up to 16 stars so the shape is visible). */
export function redact(secret: string): string {
  // A key block: show which kind of key it is, hide all of its body.
  const pem = /^(-----BEGIN [A-Z0-9 _]+-----)/.exec(secret);
  if (pem) return pem[1] + '****';
  const keep = [...secret].slice(0, 4).join('');
  const rest = Math.max(0, [...secret].length - 4);
  return keep + '*'.repeat(Math.min(rest, 16) || (rest > 0 ? 1 : 0));
}

/** Replaces every occurrence of `secret` in `text` with its redacted form. */
export function redactIn(text: string, secret: string): string {
  return secret ? text.split(secret).join(redact(secret)) : text;
}

/**
 * A hash of the secret value (domain-separated, truncated to 128 bits): the part of the
 * fingerprint that identifies WHICH secret, without storing it. Exported so the misconfig stage
 * can skip an env literal this scanner already reported. Like any hash of a weak password it can
 * be guessed by trying candidates: reports stay sensitive documents.
 */
export function secretHash(secret: string): string {
  return 'sha256:' + createHash('sha256').update('coastguard-secret\0').update(secret).digest('hex').slice(0, 32);
}

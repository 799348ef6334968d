import { createHash } from 'node:crypto';

/** A short stable hash of the parts that identify a finding (never of its mutable text). */
export function fingerprint(...parts: (string | number | undefined)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(String(p ?? '')).update('\0');
  return 'sha256:' + h.digest('hex').slice(0, 32);
}

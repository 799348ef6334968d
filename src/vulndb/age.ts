import type { ScanWarning } from '../core/types.js';

export const DEFAULT_MAX_DB_AGE_MS = 7 * 24 * 3600 * 1000;

/** "36h", "7d", "90m", "3600s" or plain hours → milliseconds. */
export function parseAge(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$/i.exec(text);
  if (!m) throw new Error(`invalid age "${text}" (use e.g. 36h, 7d)`);
  const unit = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5, '': 36e5 }[m[2].toLowerCase() as 's'] ?? 36e5;
  return Number(m[1]) * unit;
}

/** A warning when the DB is older than `maxAgeMs` (0 disables). */
export function dbAgeWarning(db: { builtAt: Date; path: string }, maxAgeMs = DEFAULT_MAX_DB_AGE_MS, now = new Date()): ScanWarning | undefined {
  if (!maxAgeMs) return undefined;
  const age = now.getTime() - db.builtAt.getTime();
  if (!(age > maxAgeMs)) return undefined;
  const days = Math.floor(age / 864e5);
  const hours = Math.floor(age / 36e5);
  return {
    what: `vulnerability database is ${days >= 2 ? `${days} days` : `${hours} hours`} old (built ${db.builtAt.toISOString()}); run 'coastguard db update'`,
    where: db.path,
  };
}

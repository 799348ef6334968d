import picomatch from 'picomatch';
import type { Finding } from '../core/index.js';
import type { LoadedIgnore } from './load.js';
import { purlMatches } from './vex.js';

/** A date-only `expires` holds through that whole day (UTC); a date-time is exact. */
export function expiryTime(expires: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(expires) ? Date.parse(`${expires}T00:00:00Z`) + 86_400_000 : Date.parse(expires);
}

export const isExpired = (e: LoadedIgnore, now: Date) => e.expires !== undefined && now.getTime() >= expiryTime(e.expires);

const norm = (p: string) => p.replace(/^\.\//, '').replace(/^\/+/, '');
const lower = (s: string) => s.toLowerCase();

export interface IgnoreMatcher {
  entry: LoadedIgnore;
  matches(f: Finding): boolean;
}

export function ignoreMatcher(entry: LoadedIgnore): IgnoreMatcher {
  const globs = entry.paths?.map((p) => picomatch(norm(p), { dot: true }));
  return {
    entry,
    matches(f) {
      if (entry.id) {
        const id = lower(entry.id);
        if (lower(f.id) !== id && !f.aliases.some((a) => lower(a) === id)) return false;
      }
      if (entry.rules?.length) {
        const rule = typeof f.rule === 'string' ? f.rule : typeof f.ruleId === 'string' ? f.ruleId : f.id;
        const names = new Set([rule, f.id, ...f.aliases].map(lower));
        if (!entry.rules.some((r) => names.has(lower(r)))) return false;
      }
      if (globs?.length) {
        const candidates = [norm(f.location.path), norm(f.target)];
        if (!globs.some((g) => candidates.some((c) => g(c)))) return false;
      }
      if (entry.purls?.length) {
        const purl = (f.package as { purl?: string } | undefined)?.purl ?? (typeof f.purl === 'string' ? f.purl : undefined);
        if (!entry.purls.some((p) => purlMatches(p, purl))) return false;
      }
      return true;
    },
  };
}

import type { OSInfo } from '../../core/types.js';
import { EOL_DATA, type EolEntry } from './eol-data.js';

/** The table entry for a detected release: same family, version equal to or starting with `release.`. */
export function findEol(family: string, version: string): EolEntry | undefined {
  let best: EolEntry | undefined;
  for (const e of EOL_DATA) {
    if (e.family !== family) continue;
    if (version !== e.release && !version.startsWith(e.release + '.')) continue;
    if (!best || e.release.length > best.release.length) best = e;
  }
  return best;
}

/** Adds eol/eolSource to an OSInfo when the table knows the release. */
export function withEol(os: OSInfo): OSInfo {
  const family = os.family === 'centos' && /stream/i.test(os.name ?? '') ? 'centos-stream' : os.family;
  const e = findEol(family, os.version);
  if (!e) return os;
  return { ...os, eol: e.eol, eolSource: e.source };
}

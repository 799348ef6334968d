import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { pypiPackage } from './purl.js';

/**
 * Pinned requirements files: only `name==version` (or `===`) lines name an exact version; ranges,
 * wildcards ("==2.8.*"), options (-r, -e, --hash …), URLs and comments are skipped, like Trivy and Syft.
 * Extras ("celery[redis]") and environment markers ("; python_version < '3.8'") are dropped.
 */
export function parseRequirements(file: AnalyzerInput): Package[] {
  const out: Package[] = [];
  const seen = new Set<string>();
  for (const logical of joinContinuations(decode(file.content))) {
    // "#" never appears in a name or version, so it starts a comment even without a space before it.
    let line = logical.replace(/#.*$/, '').trim();
    if (!line || line.startsWith('-')) continue;
    line = line.split(';')[0].replace(/\s--hash[= ]\S+/g, '').trim();
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*(\d[0-9A-Za-z.+!_*-]*)\s*(?:@.*)?$/.exec(line);
    if (!m || m[2].includes('*')) continue;
    const key = `${m[1].toLowerCase()}@${m[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(pypiPackage(m[1], m[2], file));
  }
  return out;
}

function joinContinuations(src: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const line of src.split(/\r?\n/)) {
    if (line.endsWith('\\')) cur += line.slice(0, -1) + ' ';
    else {
      out.push(cur + line);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** pip reads UTF-16 files with a BOM (Windows editors write them); anything else is UTF-8. */
function decode(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString('utf16le');
  const s = buf.toString('utf8');
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

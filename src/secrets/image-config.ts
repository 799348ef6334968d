import type { Finding, ImageFacts } from '../core/types.js';
import type { SecretScanOptions } from './types.js';
import { scannerFor } from './text.js';

/**
 * Secrets in the image config: ENV values, labels and the commands of the build history
 * (`ARG`/`ENV` values and `RUN` lines with tokens are recorded there verbatim). Each source is
 * scanned as a small text with one entry per line, so the finding's line is the entry's index + 1.
 * Locations: "image config: env", "image config: labels", "image config: history".
 */
export function scanImageConfigSecrets(image: ImageFacts, target: string, opts?: SecretScanOptions): Finding[] {
  const scanner = scannerFor(opts);
  const out: Finding[] = [];
  const scan = (path: string, lines: string[]) => {
    if (lines.length === 0) return;
    out.push(...scanner.scan(path, lines.map((l) => l.replace(/\n/g, ' ')).join('\n'), { target }));
  };
  scan('image config: env', image.config?.Env ?? []);
  scan('image config: labels', Object.entries(image.config?.Labels ?? {}).map(([k, v]) => `${k}=${v}`));
  scan('image config: history', (image.history ?? []).map((h) => h.created_by ?? ''));
  // The same value set by ENV shows in both Env and the history: report it once, from Env.
  const seen = new Set<string>();
  return out.filter((f) => {
    const key = `${f.id}\0${f.secretHash}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

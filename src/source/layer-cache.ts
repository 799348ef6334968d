import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../core/temp-files.js';
import { join } from 'node:path';
import type { Analyzer } from '../analyze/types.js';
import type { LayerResult } from './layer-walk.js';

/**
 * Per-layer analysis results, keyed by diffID and the id@version#options of every analyzer that ran, so a
 * rescan of an image whose base layers were seen before reads only its new layers. Writes go to a
 * temp file first: a crash never leaves a half-written entry.
 */
export class LayerCache {
  constructor(readonly dir: string) {}

  static key(diffID: string, analyzers: Analyzer[]): string {
    // Options (custom rules, skip globs) are part of what an analyzer is: other options, other entry.
    const ids = analyzers.map((a) => `${a.id}@${a.version}${a.optionsKey ? `#${a.optionsKey}` : ''}`).sort().join(',');
    return createHash('sha256').update(`${diffID}\n${ids}`).digest('hex');
  }

  private file(key: string) {
    return join(this.dir, 'analysis', key.slice(0, 2), `${key}.json`);
  }

  get(key: string): LayerResult | undefined {
    try {
      return JSON.parse(readFileSync(this.file(key), 'utf8')) as LayerResult;
    } catch {
      return undefined; // absent or unreadable: analyse again
    }
  }

  put(key: string, value: LayerResult): void {
    const f = this.file(key);
    mkdirSync(join(f, '..'), { recursive: true });
    writeFileAtomic(f, JSON.stringify(value));
  }
}

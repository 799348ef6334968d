import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { configError } from '../core/errors.js';

/**
 * What the user told the analyzers, passed when they are created (also to worker threads, as
 * this plain object) and hashed into the layer-cache key through each analyzer's `optionsKey`.
 * No environment variables, no module state.
 */
export interface AnalyzerOptions {
  /** `--secret-config FILE`: trivy-secret.yaml or .gitleaks.toml. */
  secretConfig?: string;
  /** `--skip-dirs` / `--skip-files` (src/source/skip.ts says what they mean). */
  skipDirs?: string[];
  skipFiles?: string[];
}

/** The digest of a config file's bytes: the same rules under another path are the same options. */
export function fileDigest(path: string, what: string): string {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
  } catch (e) {
    throw configError(`cannot read ${what} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, path, e);
  }
}

import { homedir } from 'node:os';
import { join } from 'node:path';
import { LayerCache } from '../source/layer-cache.js';
import { hostPlatform, parsePlatform, type Platform } from '../source/platform.js';
import { parseScanners, type Scanner } from '../scan/scanners.js';
import type { CommandContext } from './command.js';
import { commaList } from './flag-values.js';

export interface ScanCliOptions {
  scanners: Set<Scanner>;
  cacheDir: string;
  cache?: LayerCache;
  platform: Platform;
  dbPath?: string;
  skipDb: boolean;
  ignoreUnfixed: boolean;
  skipDirs: string[];
  skipFiles: string[];
  secretConfig?: string;
  quiet: boolean;
  progress: (msg: string) => void;
}

/** The user cache dir: `--cache-dir`, then COASTGUARD_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache. */
export function cacheDirFrom(flag: string | undefined): string {
  return flag ?? process.env.COASTGUARD_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'coastguard');
}

const SBOM_FORMATS = new Set(['cyclonedx', 'spdx-json', 'spdx']);

/** Reads the flags every scanning command shares into one options object. */
export function scanOptionsFrom(ctx: CommandContext): ScanCliOptions {
  const v = ctx.values;
  const cacheDir = cacheDirFrom(v['cache-dir'] as string | undefined);
  const quiet = Boolean(v.quiet);
  const tty = Boolean((ctx.stderr as NodeJS.WriteStream).isTTY);
  // As with Trivy: asking only for an SBOM (CycloneDX / SPDX) without naming scanners builds the
  // inventory and nothing else.
  const formats = commaList(v.format);
  const sbomOnly = v.scanners === undefined && formats.length > 0 && formats.every((f) => SBOM_FORMATS.has(f));
  return {
    scanners: sbomOnly ? new Set() : parseScanners(v.scanners as string | undefined),
    cacheDir,
    cache: v['no-cache'] ? undefined : new LayerCache(cacheDir),
    platform: v.platform ? parsePlatform(String(v.platform)) : hostPlatform(),
    dbPath: v.db as string | undefined,
    skipDb: v['skip-db'] === true,
    ignoreUnfixed: Boolean(v['ignore-unfixed']),
    skipDirs: commaList(v['skip-dirs']),
    skipFiles: commaList(v['skip-files']),
    secretConfig: v['secret-config'] as string | undefined,
    quiet,
    // Progress only on a terminal: CI logs stay clean.
    progress: tty && !quiet ? (msg) => ctx.stderr.write(`\r\x1b[K${msg}`) : () => {},
  };
}

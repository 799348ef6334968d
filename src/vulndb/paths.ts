import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The user cache folder: `--cache-dir`, else $COASTGUARD_CACHE_DIR, else the platform's cache dir
 * ($XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows).
 */
export function cacheDir(explicit?: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (explicit) return explicit;
  if (env.COASTGUARD_CACHE_DIR) return env.COASTGUARD_CACHE_DIR;
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'coastguard');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'coastguard');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'coastguard');
}

/** Where scans look for the DB unless `--db FILE` says otherwise. */
export function defaultDbPath(cacheDirOverride?: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(cacheDirOverride, env), 'db', 'coastguard.db');
}

/** Where `db update` keeps downloaded feeds and their ETag / Last-Modified. */
export function feedCacheDir(cacheDirOverride?: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(cacheDirOverride, env), 'feeds');
}

import picomatch from 'picomatch';

/**
 * `--skip-dirs` and `--skip-files`, one meaning for every walk (images, `fs`, `config`, `pin`,
 * `repo`'s working tree) and every consumer (analyzers, secrets, misconfiguration):
 *
 * - paths are relative to the scanned root (or the image's `/`), `/` separated; a leading `./` or
 *   `/` in a pattern is ignored;
 * - a pattern with a `/` is a glob anchored at the root (`src/**\/fixtures`, `usr/share/doc`);
 * - a pattern without one matches that name at any depth (`node_modules`, `*.min.js`), as in
 *   .gitignore;
 * - a skipped directory skips everything below it.
 */
export interface SkipMatcher {
  /** True when this directory (relative path) is not to be entered. */
  dir(rel: string): boolean;
  /** True when this file is not to be read: it matches --skip-files or lies under a skipped directory. */
  file(rel: string): boolean;
  /** The patterns, normalised: part of the layer-cache key of analyzers that skip. */
  readonly key: string;
  readonly empty: boolean;
}

const clean = (p: string) => p.trim().replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');

function matcher(patterns: string[]): (rel: string) => boolean {
  const anchored = patterns.filter((p) => p.includes('/'));
  const byName = patterns.filter((p) => !p.includes('/'));
  const a = anchored.length ? picomatch(anchored, { dot: true }) : () => false;
  const n = byName.length ? picomatch(byName, { dot: true }) : () => false;
  return (rel) => a(rel) || n(rel.slice(rel.lastIndexOf('/') + 1));
}

export function skipMatcher(skipDirs: string[] = [], skipFiles: string[] = []): SkipMatcher {
  const dirs = [...new Set(skipDirs.map(clean).filter(Boolean))].sort();
  const files = [...new Set(skipFiles.map(clean).filter(Boolean))].sort();
  const dirMatch = matcher(dirs);
  const fileMatch = matcher(files);
  const underSkippedDir = (rel: string) => {
    if (dirs.length === 0) return false;
    for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) if (dirMatch(rel.slice(0, i))) return true;
    return false;
  };
  return {
    dir: (rel) => dirs.length > 0 && dirMatch(clean(rel)),
    file: (rel) => {
      const r = clean(rel);
      return (files.length > 0 && fileMatch(r)) || underSkippedDir(r);
    },
    key: dirs.length || files.length ? JSON.stringify({ dirs, files }) : '',
    empty: dirs.length === 0 && files.length === 0,
  };
}

import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { skipMatcher, type SkipMatcher } from './skip.js';

/** One entry of a directory tree, as every directory consumer sees it. */
export interface TreeEntry {
  abs: string;
  /** Relative to the root, `/` separated, no leading slash. */
  rel: string;
  type: 'file' | 'symlink' | 'other';
  size: number;
  /** Unix mode bits (permissions + setuid/setgid/sticky). */
  mode: number;
}

export interface WalkTreeOptions {
  /** `--skip-dirs` / `--skip-files` (src/source/skip.ts). */
  skip?: SkipMatcher;
  /** Directory names never entered, at any depth, besides VCS metadata. */
  skipNames?: string[];
  /** An unreadable directory: reported, then passed over as `find` would. */
  onError?: (what: string, where: string) => void;
}

// VCS metadata is never part of what ships; `coastguard repo` reads history separately.
const VCS = ['.git', '.hg', '.svn'];

/**
 * The one directory walker (fs, config, pin and the misconfig scan of fs all use it): depth
 * first, names in sorted order so output is deterministic, symbolic links reported but never
 * followed (a rootfs's absolute links point at the host), skipped directories never entered.
 */
export async function* walkTree(root: string, opts: WalkTreeOptions = {}): AsyncGenerator<TreeEntry> {
  const skip = opts.skip ?? skipMatcher();
  const names = new Set([...VCS, ...(opts.skipNames ?? [])]);
  async function* visit(dir: string, relDir: string): AsyncGenerator<TreeEntry> {
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch (e) {
      opts.onError?.(`cannot read directory (${(e as NodeJS.ErrnoException).code ?? 'error'})`, dir);
      return;
    }
    for (const name of entries.sort()) {
      const abs = join(dir, name);
      const rel = relDir ? `${relDir}/${name}` : name;
      let st;
      try {
        st = await lstat(abs);
      } catch {
        continue; // gone since readdir
      }
      if (st.isDirectory()) {
        if (!names.has(name) && !skip.dir(rel)) yield* visit(abs, rel);
        continue;
      }
      if (skip.file(rel)) continue;
      yield { abs, rel, type: st.isFile() ? 'file' : st.isSymbolicLink() ? 'symlink' : 'other', size: st.size, mode: st.mode & 0o7777 };
    }
  }
  yield* visit(root, '');
}

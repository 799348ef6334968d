import { statSync, type Stats } from 'node:fs';
import { inputError } from '../core/errors.js';

/**
 * What a scan is willing to hold in memory at once, in one place (documented in docs/limits.md).
 * Everything else streams. Inputs come from strangers: a file over its limit is refused (or, for
 * files an analyzer wanted, skipped with a warning) and the message says which file and which limit.
 */
export const Limits = {
  /** manifest.json, OCI index, image manifest, image config (local or from a registry). */
  imageJsonBytes: 16 * 1024 * 1024,
  /** One file an analyzer reads whole (lockfile, jar, binary…), per file. */
  analyzedFileBytes: 256 * 1024 * 1024,
  /** One OS package database (dpkg status, apk installed, rpm DB), per file. */
  packageDbBytes: 128 * 1024 * 1024,
  /** An SBOM given to `coastguard sbom`. */
  sbomBytes: 256 * 1024 * 1024,
  /** A PAX extended header or GNU long name inside a tar. */
  tarMetaBytes: 1024 * 1024,
} as const;

export const mib = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MiB` : n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} bytes`);

export const overLimit = (what: string, size: number, limit: number, where: string) =>
  inputError(`${what} is ${size} bytes, over the ${mib(limit)} limit`, where);

/**
 * A path where a regular file is expected: FIFOs, sockets and devices (`/dev/zero`) are refused
 * before anything blocks on them or reads forever. Returns its stats.
 */
export function regularFile(path: string, what: string, where = path): Stats {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw inputError(`cannot read ${what} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, where, e);
  }
  if (!st.isFile()) throw inputError(`${what} is not a regular file (${kindOf(st)})`, where);
  return st;
}

export function kindOf(st: Stats): string {
  return st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : st.isSocket() ? 'a socket' : st.isDirectory() ? 'a directory' : 'not a file';
}

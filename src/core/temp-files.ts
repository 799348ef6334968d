import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readdirSync, renameSync, rmSync, writeSync, type PathLike } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Temp files done one way everywhere (reports, DB, cache, pin, unpacked archives):
 * - created exclusively (O_CREAT|O_EXCL: a planted file or symlink at the name makes the open fail,
 *   it is never followed), with a random name, in the target's own directory (rename is atomic);
 * - the name carries our pid, `.NAME.coastguard-<pid>-<random>.tmp`, so the next run can sweep
 *   what a killed run left behind (its pid no longer alive);
 * - removed on exit and on SIGINT/SIGTERM while they exist.
 */
const TEMP = /^\.?.*\.coastguard-(\d+)-[0-9a-f]{12}\.tmp$|^cg-archive-(\d+)-/;
const live = new Set<string>();
const onSignal = (sig: NodeJS.Signals) => {
  cleanup();
  process.exit(sig === 'SIGINT' ? 130 : 143);
};
function cleanup() {
  for (const p of live) rmSync(p, { recursive: true, force: true });
  live.clear();
}

/** Remembers a temp path (file or directory) to remove on exit or on a signal, until `release`. */
export function track(path: string): void {
  if (live.size === 0) {
    process.on('exit', cleanup);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  live.add(path);
}

export function release(path: string): void {
  live.delete(path);
  if (live.size === 0) {
    process.off('exit', cleanup);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** A fresh temp name beside `target`. */
export const tempNameFor = (target: string) => join(dirname(target), `.${basename(target)}.coastguard-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);

/** Name for a temp directory under `dir` (make it with mkdirSync, which fails if it exists). */
export const tempDirName = (dir: string) => join(dir, `cg-archive-${process.pid}-${randomBytes(6).toString('hex')}`);

/** Creates a temp file exclusively (never follows or reuses what is there) and returns its path. */
export function createTemp(target: string): string {
  const tmp = tempNameFor(target);
  closeSync(openSync(tmp, 'wx', 0o600));
  track(tmp);
  return tmp;
}

/**
 * Writes `data` to `target` through an exclusive temp file in the same directory and a rename:
 * readers see the old or the new file, never half of one; a symlink planted at any predictable
 * name is never written through.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array | Iterable<string>, mode = 0o644): void {
  const tmp = tempNameFor(target);
  const fd = openSync(tmp, 'wx', mode);
  track(tmp);
  try {
    try {
      writeChunks(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    release(tmp);
  }
}

/** Writes a string, bytes, or string pieces (a report too large for one string) to an open file. */
export function writeChunks(fd: number, data: string | Uint8Array | Iterable<string>): void {
  if (typeof data === 'string' || data instanceof Uint8Array) {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    return;
  }
  for (const batch of batched(data)) writeSync(fd, Buffer.from(batch));
}

/** String pieces joined into batches of about `size` characters: few writes, bounded memory. */
export function* batched(pieces: Iterable<string>, size = 1 << 20): Generator<string> {
  let batch: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    batch.push(piece);
    length += piece.length;
    if (length >= size) {
      yield batch.join('');
      batch = [];
      length = 0;
    }
  }
  if (batch.length) yield batch.join('');
}

const alive = (pid: number) => {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes our temp files and directories in `dir` whose process is gone (a run killed with -9). */
export function sweepStaleTemps(dir: PathLike): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    const pid = m && Number(m[1] ?? m[2]);
    if (!pid || alive(pid)) continue;
    rmSync(join(String(dir), name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/** Whether a name is one of our temp files (for `cache clean`, which deletes only what we made). */
export const isOurTemp = (name: string) => TEMP.test(name);

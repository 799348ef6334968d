import { statSync } from 'node:fs';
import { detectVulnerabilities, type DetectMemo } from '../detect/index.js';
import type { Artifact, Package } from '../core/types.js';
import { openVulnDb, type VulnDb } from '../vulndb/index.js';
import type { VulnerabilityFinding } from '../detect/index.js';
import { memoVulnDb } from './memo-vuln-db.js';

/** The identity of the DB file on disk: `db build --output` and `db update` rename a new file in place. */
interface FileStamp {
  ino: number;
  size: number;
  mtimeMs: number;
}

const stampOf = (path: string): FileStamp | undefined => {
  try {
    const s = statSync(path);
    return { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return undefined;
  }
};
const sameStamp = (a?: FileStamp, b?: FileStamp) => !!a && !!b && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

/**
 * The server's vulnerability DB: the open read-only handle the matcher uses, swapped for a new
 * one when the file changes. A replacement that does not open (corrupt, truncated, wrong
 * schema) is refused: the old handle stays in use and the refusal is reported once.
 */
export class ServerVulnDb {
  private db: VulnDb | undefined;
  // Matches per (namespace, package, version), shared by every image matched against this handle.
  private memo: DetectMemo = {};
  private stamp: FileStamp | undefined;
  private refusedStamp: FileStamp | undefined;
  private timer: NodeJS.Timeout | undefined;
  lastError: string | undefined;

  constructor(readonly path: string | undefined) {}

  get current(): VulnDb | undefined {
    return this.db;
  }

  /** Opens the DB at start. A missing file is allowed (findings then come from uploads only); a broken one is an error. */
  open(): void {
    if (!this.path) return;
    const stamp = stampOf(this.path);
    if (!stamp) return;
    this.db = memoVulnDb(openVulnDb(this.path));
    this.stamp = stamp;
  }

  /**
   * Looks at the file again. Returns 'changed' when a new DB was opened (the caller re-matches),
   * 'refused' when the new file is broken (old DB kept), 'same' otherwise. `force` reopens even
   * an unchanged file (POST /api/v1/db/reload).
   */
  reload(force = false): { result: 'changed' | 'refused' | 'same'; error?: string } {
    if (!this.path) return { result: 'same' };
    const stamp = stampOf(this.path);
    if (!stamp) return { result: 'same' };
    if (!force && (sameStamp(stamp, this.stamp) || sameStamp(stamp, this.refusedStamp))) return { result: 'same' };
    let next: VulnDb;
    try {
      next = memoVulnDb(openVulnDb(this.path));
      next.info();
    } catch (e) {
      this.refusedStamp = stamp;
      this.lastError = (e as Error).message;
      return { result: 'refused', error: this.lastError };
    }
    const old = this.db;
    this.db = next;
    this.memo = {};
    this.stamp = stamp;
    this.refusedStamp = undefined;
    this.lastError = undefined;
    old?.close();
    return { result: 'changed' };
  }

  /**
   * Polls the file's inode, size and mtime. Polling (not fs.watch) because the file is replaced
   * by rename: a watch on the old inode goes quiet, and directory watches differ per platform.
   */
  watch(intervalMs: number, onChange: (r: ReturnType<ServerVulnDb['reload']>) => void): void {
    this.timer = setInterval(() => {
      const r = this.reload();
      if (r.result !== 'same') onChange(r);
    }, intervalMs);
    this.timer.unref();
  }

  /** The server's own match of an inventory: the library the CLI uses, nothing else. */
  match(artifact: Artifact, inventory: Package[]): VulnerabilityFinding[] | undefined {
    if (!this.db) return undefined;
    return detectVulnerabilities(inventory, artifact.os, this.db, { maxDbAgeMs: 0, memo: this.memo }).findings;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.db?.close();
    this.db = undefined;
  }
}

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inputError } from '../core/errors.js';
import { digestHex } from './manifest.js';
import { indexTar, normalizeMemberName, type TarMember } from './tar-index.js';
import { readRange } from './read-range.js';
import { Limits, overLimit, regularFile } from './limits.js';
import type { BlobRef } from './types.js';

/** Named files of an image container: a directory (OCI layout) or an uncompressed tar. */
export interface BlobStore {
  where: string;
  has(name: string): boolean;
  ref(name: string): BlobRef;
  /** A small document read whole (manifest, config): refused over `limit` bytes. */
  read(name: string, limit?: number): Promise<Buffer>;
}

export class DirStore implements BlobStore {
  constructor(readonly where: string) {}
  has(name: string) {
    return existsSync(join(this.where, name));
  }
  ref(name: string): BlobRef {
    const path = join(this.where, name);
    if (!existsSync(path)) throw inputError(`missing blob ${name}`, this.where);
    // A FIFO or device here would block or never end: only regular files are blobs.
    return { path, start: 0, end: regularFile(path, `blob ${name}`, this.where).size };
  }
  async read(name: string, limit: number = Limits.imageJsonBytes) {
    const { end } = this.ref(name);
    if (end! > limit) throw overLimit(name, end!, limit, this.where);
    return readFile(join(this.where, name));
  }
}

export class TarStore implements BlobStore {
  private constructor(readonly where: string, private members: Map<string, TarMember>, private path: string) {}
  /** `where` names the archive in errors when `path` is a temp copy (a decompressed archive). */
  static async open(path: string, where = path) {
    return new TarStore(where, await indexTar(path, where), path);
  }
  has(name: string) {
    return this.members.has(normalizeMemberName(name));
  }
  ref(name: string): BlobRef {
    const m = this.members.get(normalizeMemberName(name));
    if (!m) throw inputError(`missing blob ${name}`, this.where);
    return { path: this.path, start: m.start, end: m.start + m.size, ...(this.where !== this.path ? { label: this.where } : {}) };
  }
  async read(name: string, limit: number = Limits.imageJsonBytes) {
    const r = this.ref(name);
    const size = r.end! - r.start!;
    if (size > limit) throw overLimit(name, size, limit, this.where);
    return readRange(r.path, r.start, size);
  }
}

export const blobPath = (digest: string, where: string) => `blobs/sha256/${digestHex(digest, where)}`;

/** Reads a small blob (manifest, config) by digest and checks the bytes hash to it. */
export async function readVerified(store: BlobStore, digest: string): Promise<Buffer> {
  const name = blobPath(digest, store.where);
  const buf = await store.read(name);
  const actual = 'sha256:' + createHash('sha256').update(buf).digest('hex');
  if (actual !== digest) throw inputError(`digest mismatch for ${name}: content hashes to ${actual}`, store.where);
  return buf;
}

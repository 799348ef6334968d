import { existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { inputError } from '../core/errors.js';
import { DirStore, TarStore } from './blob-store.js';
import { resolveDockerArchive } from './docker-archive.js';
import { resolveOciLayout } from './oci-layout.js';
import type { Platform } from './platform.js';
import type { ResolvedImage } from './types.js';

async function magic(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(4);
    await fh.read(b, 0, 4, 0);
    return b;
  } finally {
    await fh.close();
  }
}

/**
 * `--input FILE|DIR`: a docker-archive tar, an OCI archive tar, or an OCI layout directory,
 * told apart by what they contain (manifest.json wins over index.json, as docker does).
 */
export async function openImageInput(path: string, opts: { image?: string; platform: Platform }): Promise<ResolvedImage> {
  if (!existsSync(path)) throw inputError('no such file or directory', path);
  const st = statSync(path);
  if (st.isDirectory()) {
    if (existsSync(join(path, 'index.json'))) return resolveOciLayout(new DirStore(path), opts);
    if (existsSync(join(path, 'manifest.json'))) return resolveDockerArchive(new DirStore(path), opts);
    throw inputError('directory is neither an OCI layout (index.json) nor an unpacked docker archive; use `coastguard fs` for a root filesystem', path);
  }
  const m = await magic(path);
  if (m[0] === 0x1f && m[1] === 0x8b) throw inputError('compressed archive: decompress it first (e.g. gunzip) so layers can be read in parallel', path);
  if (m.readUInt32LE(0) === 0xfd2fb528) throw inputError('zstd-compressed archive: decompress it first (zstd -d)', path);
  const store = await TarStore.open(path);
  if (store.has('manifest.json')) return resolveDockerArchive(store, opts);
  if (store.has('index.json')) return resolveOciLayout(store, opts);
  throw inputError('tar has neither manifest.json (docker-archive) nor index.json (OCI archive): not an image', path);
}

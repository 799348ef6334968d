import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { sweepStaleTemps, tempDirName, track } from '../core/temp-files.js';
import { tmpdir } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { inputError } from '../core/errors.js';
import { DirStore, TarStore } from './blob-store.js';
import { resolveDockerArchive } from './docker-archive.js';
import { resolveOciLayout } from './oci-layout.js';
import { decompressor, detectCompression, type Compression } from './decompress.js';
import { readRange } from './read-range.js';
import { kindOf } from './limits.js';
import type { Platform } from './platform.js';
import type { ResolvedImage } from './types.js';

/**
 * `--input FILE|DIR`: a docker-archive tar, an OCI archive tar, or an OCI layout directory,
 * told apart by what they contain (manifest.json wins over index.json, as docker does).
 */
async function decompressToTemp(path: string, c: Compression, tmpDir = tmpdir()): Promise<string> {
  mkdirSync(tmpDir, { recursive: true });
  // What a run killed with -9 left here is removed now; ours goes on exit, Ctrl-C or SIGTERM.
  sweepStaleTemps(tmpDir);
  const dir = tempDirName(tmpDir);
  mkdirSync(dir, { mode: 0o700 });
  track(dir);
  const out = join(dir, 'image.tar');
  try {
    await pipeline(createReadStream(path), decompressor(c), createWriteStream(out));
  } catch (e) {
    throw inputError(`cannot decompress ${c} archive (${(e as Error).message})`, path, e);
  }
  return out;
}

export async function openImageInput(path: string, opts: { image?: string; platform: Platform; tmpDir?: string }): Promise<ResolvedImage> {
  if (!existsSync(path)) throw inputError('no such file or directory', path);
  const st = statSync(path);
  if (!st.isDirectory() && !st.isFile()) throw inputError(`not an image: ${kindOf(st)}, not a file or directory`, path);
  if (st.isDirectory()) {
    if (existsSync(join(path, 'index.json'))) return resolveOciLayout(new DirStore(path), opts);
    if (existsSync(join(path, 'manifest.json'))) return resolveDockerArchive(new DirStore(path), opts);
    throw inputError('directory is neither an OCI layout (index.json) nor an unpacked docker archive; use `coastguard fs` for a root filesystem', path);
  }
  const compression = detectCompression(await readRange(path));
  // `docker save | gzip`: layers need random access, so the archive is unpacked once to a temp
  // file (streamed, never held in memory), removed again when the process exits.
  const tarPath = compression === 'none' ? path : await decompressToTemp(path, compression, opts.tmpDir);
  const store = await TarStore.open(tarPath, path);
  if (store.has('manifest.json')) {
    try {
      return await resolveDockerArchive(store, opts);
    } catch (e) {
      // Exports that carry both forms (containerd, newer docker save): when manifest.json is
      // inconsistent, the OCI index may still describe the image correctly.
      if (!store.has('index.json')) throw e;
      try {
        return await resolveOciLayout(store, opts);
      } catch {
        throw e;
      }
    }
  }
  if (store.has('index.json')) return resolveOciLayout(store, opts);
  throw inputError('tar has neither manifest.json (docker-archive) nor index.json (OCI archive): not an image', path);
}

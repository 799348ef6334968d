import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { inputError } from '../core/errors.js';
import { decompressor, detectCompression } from './decompress.js';
import { readRange } from './read-range.js';
import type { LayerBlob } from './types.js';

/**
 * Before a cached analysis stands for a layer, the layer's bytes must be the ones that were
 * analysed: the cache is keyed by the diffID the image *claims*, so a tampered or corrupt file
 * would otherwise inherit a clean result. Hash only, no tar parsing: the stored bytes against the
 * manifest digest when there is one (or against the diffID when they are an uncompressed tar),
 * else the decompressed bytes against the diffID. Registry blobs were verified at download.
 */
export async function verifyLayerBytes(layer: LayerBlob): Promise<void> {
  if (layer.digestVerified) return;
  const { path, start = 0, end } = layer.ref;
  const where = `layer ${layer.digest ?? layer.diffID} in ${layer.ref.label ?? path}`;
  const compression = detectCompression(await readRange(path, start));
  const raw = () => createReadStream(path, { start, end: end === undefined ? undefined : end - 1, highWaterMark: 1024 * 1024 });
  const hashOf = async (decompress: boolean) => {
    const h = createHash('sha256');
    const sink = new Writable({ write(c, _e, cb) { h.update(c as Buffer); cb(); } });
    try {
      if (decompress) await pipeline(raw(), decompressor(compression), sink);
      else await pipeline(raw(), sink);
    } catch (e) {
      throw inputError(`truncated or corrupt layer (${(e as Error).message})`, where, e);
    }
    return 'sha256:' + h.digest('hex');
  };
  if (compression === 'none') {
    const got = await hashOf(false);
    if (layer.digest && got !== layer.digest) throw inputError(`digest mismatch: blob hashes to ${got}, manifest says ${layer.digest}`, where);
    if (got !== layer.diffID) throw inputError(`diffID mismatch: uncompressed layer hashes to ${got}, config says ${layer.diffID}`, where);
    return;
  }
  if (layer.digest) {
    const got = await hashOf(false);
    if (got !== layer.digest) throw inputError(`digest mismatch: blob hashes to ${got}, manifest says ${layer.digest}`, where);
    return;
  }
  const got = await hashOf(true);
  if (got !== layer.diffID) throw inputError(`diffID mismatch: uncompressed layer hashes to ${got}, config says ${layer.diffID}`, where);
}

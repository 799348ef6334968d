import { createGunzip } from 'node:zlib';
import type { Transform } from 'node:stream';
import { PassThrough } from 'node:stream';
import { DecompressStream } from 'zstd-napi';

export type Compression = 'gzip' | 'zstd' | 'none';

/** Layers say their compression in the media type, but archives lie: trust the magic bytes. */
export function detectCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

export function decompressor(c: Compression): Transform {
  switch (c) {
    case 'gzip':
      // 256 KiB chunks: fewer, larger buffers through the tar parser.
      return createGunzip({ chunkSize: 256 * 1024 });
    case 'zstd':
      return new DecompressStream() as unknown as Transform;
    default:
      return new PassThrough();
  }
}

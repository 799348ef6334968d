import { createRequire } from 'node:module';
import { createGunzip } from 'node:zlib';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';

type ZstdBinding = typeof import('zstd-napi/binding.js');
// The native binding is CommonJS without static exports: load it through require.
const zstd = createRequire(import.meta.url)('zstd-napi/binding.js') as ZstdBinding;

export type Compression = 'gzip' | 'zstd' | 'none';

/** Layers say their compression in the media type, but archives lie: trust the magic bytes. */
export function detectCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

const ZSTD_OUT = 128 * 1024;

/**
 * Streaming zstd that honours backpressure. zstd-napi's own DecompressStream pushes everything one
 * input chunk expands to before returning, so 1 MiB of a crafted frame (GiBs of zeros) sits in
 * memory at once; here output is pushed 128 KiB at a time and waits whenever the reader is full,
 * as zlib's gunzip does.
 */
class ZstdDecompress extends Transform {
  private dctx = new zstd.DCtx();
  private inFrame = false;
  private wake: (() => void) | undefined;

  override _read(size: number) {
    const w = this.wake;
    this.wake = undefined;
    w?.();
    super._read(size);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.decompress(chunk).then(() => done(), done);
  }

  private async decompress(chunk: Buffer) {
    let src = chunk;
    for (;;) {
      const dst = Buffer.allocUnsafe(ZSTD_OUT);
      const [ret, produced, consumed] = this.dctx.decompressStream(dst, src);
      src = src.subarray(consumed);
      if (produced > 0 && !this.push(dst.subarray(0, produced))) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        if (this.destroyed) return;
      }
      if (src.length === 0 && (produced < dst.length || ret === 0)) {
        this.inFrame = ret !== 0;
        return;
      }
    }
  }

  override _flush(done: TransformCallback) {
    done(this.inFrame ? new Error('unexpected end of zstd data (stream ends inside a frame)') : null);
  }

  override _destroy(err: Error | null, cb: (e: Error | null) => void) {
    const w = this.wake;
    this.wake = undefined;
    w?.();
    cb(err);
  }
}

export function decompressor(c: Compression): Transform {
  switch (c) {
    case 'gzip':
      // 256 KiB chunks: fewer, larger buffers through the tar parser.
      return createGunzip({ chunkSize: 256 * 1024 });
    case 'zstd':
      return new ZstdDecompress();
    default:
      return new PassThrough();
  }
}

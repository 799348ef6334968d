import { Transform, type TransformCallback } from 'node:stream';
import { BLOCK, bodySize, decodeBlock, isMetaType, metaSizeProblem, paddedSize, parsePax, type TarHeader } from './tar-header.js';

/** A layer's tar structure is broken: where and how. */
export class TarFramingError extends Error {}

/**
 * Checks a layer's tar framing as it streams, in front of the tar parser: every header's checksum
 * and size are validated (PAX and GNU long-name bodies bounded, PAX `size` well-formed) before the
 * parser acts on them, and the end of the stream is judged by where it falls:
 *
 * - inside a header or a body: truncated, an error naming the entry;
 * - right after an entry (its padding or the end-of-archive blocks missing): the archive ends there,
 *   as Go's archive/tar (Docker, Podman) reads it. umoci 0.4.7 `insert --opaque` writes such layers.
 *   The missing padding is supplied to the parser and `unterminated` is set so the caller can warn.
 *
 * Bytes pass through unchanged (the diffID is hashed before this stage).
 */
export class TarFraming extends Transform {
  /** The stream ended without end-of-archive blocks (only meaningful after 'end'). */
  unterminated = false;
  private offset = 0; // uncompressed bytes seen
  private bodyLeft = 0;
  private padLeft = 0;
  private header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  private current: TarHeader | undefined;
  private meta: Buffer[] | undefined;
  private paxGlobal: Record<string, string> = {};
  private pax: Record<string, string> | undefined;
  private lastWasZero = false;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    try {
      this.scan(chunk);
    } catch (e) {
      done(e as Error);
      return;
    }
    done(null, chunk);
  }

  private scan(chunk: Buffer) {
    let i = 0;
    while (i < chunk.length) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, chunk.length - i);
        this.meta?.push(chunk.subarray(i, i + n));
        this.bodyLeft -= n;
        i += n;
        if (this.bodyLeft === 0) this.endBody();
        continue;
      }
      if (this.padLeft > 0) {
        const n = Math.min(this.padLeft, chunk.length - i);
        this.padLeft -= n;
        i += n;
        continue;
      }
      let block: Buffer;
      if (this.headerFill === 0 && chunk.length - i >= BLOCK) {
        block = chunk.subarray(i, i + BLOCK);
        i += BLOCK;
      } else {
        const n = Math.min(BLOCK - this.headerFill, chunk.length - i);
        chunk.copy(this.header, this.headerFill, i, i + n);
        this.headerFill += n;
        i += n;
        if (this.headerFill < BLOCK) continue;
        this.headerFill = 0;
        block = this.header;
      }
      this.onHeader(block, this.offset + i - BLOCK);
    }
    this.offset += chunk.length;
  }

  private onHeader(block: Buffer, at: number) {
    const d = decodeBlock(block);
    if (d.kind === 'zero') {
      this.lastWasZero = true;
      return;
    }
    if (d.kind === 'bad') throw new TarFramingError(`corrupt tar header at byte ${at} (${d.why})`);
    this.lastWasZero = false;
    const h = d.header;
    let size = bodySize(h);
    let name = h.name;
    if (isMetaType(h.type)) {
      const tooBig = metaSizeProblem(h);
      if (tooBig) throw new TarFramingError(`corrupt tar: ${tooBig} at byte ${at}`);
      this.meta = h.type === 'x' || h.type === 'g' ? [] : undefined;
    } else {
      this.meta = undefined;
      // PAX `size` overrides the header's (never for directories, which have no body).
      if (this.pax?.size !== undefined && h.type !== '5') size = Number(this.pax.size);
      name = this.pax?.path ?? name;
      this.pax = undefined;
    }
    this.current = { ...h, name, size };
    this.bodyLeft = size;
    this.padLeft = paddedSize(size) - size;
    if (size === 0) this.endBody();
  }

  private endBody() {
    const h = this.current!;
    if (!this.meta) return;
    let rec: Record<string, string>;
    try {
      rec = parsePax(Buffer.concat(this.meta));
    } catch (e) {
      throw new TarFramingError(`corrupt tar: ${(e as Error).message} before byte ${this.offset}`);
    }
    this.meta = undefined;
    // As the parser does: a global header's records apply to every later PAX header.
    if (h.type === 'g') this.paxGlobal = rec;
    else this.pax = { ...this.paxGlobal, ...rec };
  }

  override _flush(done: TransformCallback) {
    const name = this.current?.name ?? '';
    if (this.bodyLeft > 0) {
      done(new TarFramingError(`unexpected end of data inside the body of ${name || 'an entry'} (${this.bodyLeft} bytes missing)`));
      return;
    }
    if (this.headerFill > 0 && this.header.subarray(0, this.headerFill).some((b) => b !== 0)) {
      done(new TarFramingError(`unexpected end of data inside a tar header at byte ${this.offset - this.headerFill}`));
      return;
    }
    this.unterminated = this.current !== undefined && !this.lastWasZero;
    // Complete the last block so the parser sees a clean end.
    const pad = this.padLeft + (this.headerFill > 0 ? BLOCK - this.headerFill : 0);
    done(null, pad > 0 ? Buffer.alloc(pad) : undefined);
  }
}

import { BLOCK, bodySize, decodeBlock, isMetaType, metaSizeProblem, paddedSize, parsePax, type TarHeader } from './tar-header.js';

/** A layer's tar structure is broken: where and how. */
export class TarFramingError extends Error {}

/** One tar entry as the layer walk sees it: name and link resolved from GNU long names and PAX. */
export interface TarEntry {
  name: string;
  linkname: string;
  /** Type flag as a character ('0' file, '5' directory, '1' hard link, '2' symlink…). */
  type: string;
  size: number;
  mode: number;
  /** The body, when the caller asked for it (a view into the chunk when it fits in one). */
  body?: Buffer;
  /** The body was asked for, then dropped from its first bytes (rejectsHead). */
  rejected?: boolean;
  /** Offset of the body's first byte in the tar stream (for byte-range reads of uncompressed layers). */
  dataOffset: number;
}

/**
 * What the caller wants of a body, decided from the header: all of it, only its first bytes
 * offered to `rejectsHead` (the caller reads it later by byte range), or nothing.
 */
export type BodyWant = boolean | 'head';

/**
 * A hand-written tar reader for the layer walk, fed chunks of the uncompressed layer: no stream
 * per entry, no copies of bodies nobody wants. Every header's checksum and size are validated
 * (PAX and GNU long-name bodies bounded, PAX `size` well-formed) before it is acted on; `wantBody`
 * decides per entry, from its header alone, whether the body is kept. Completed entries are queued
 * in order for the caller. The end of the stream is judged by where it falls: inside a header or
 * a body is an error naming the entry; right after an entry (padding or end-of-archive blocks
 * missing) the archive ends there, as Go's archive/tar (Docker, Podman) reads it, and
 * `unterminated` is set so the caller can warn (umoci 0.4.7 `insert --opaque` writes such layers).
 */
export class TarEntryReader {
  /** The stream ended without end-of-archive blocks (only meaningful after finish()). */
  unterminated = false;
  private offset = 0;
  private header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  private current: (TarEntry & { meta?: 'x' | 'g' | 'L' | 'K' }) | undefined;
  private bodyLeft = 0;
  private padLeft = 0;
  private parts: Buffer[] | undefined;
  /** The current body is sniffed (rejectsHead) but not gathered. */
  private headOnly = false;
  private paxGlobal: Record<string, string> = {};
  private pax: Record<string, string> | undefined;
  private longName: string | undefined;
  private longLink: string | undefined;
  private lastWasZero = false;
  private sawEntry = false;
  private readonly ready: TarEntry[] = [];

  /**
   * `wantBody` decides from the header; `rejectsHead`, given the body's first bytes in the current
   * chunk, may still drop it (a binary nobody can use) before anything is gathered.
   */
  constructor(
    private readonly wantBody: (e: TarEntry) => BodyWant,
    private readonly rejectsHead?: (e: TarEntry, head: Buffer) => boolean,
    /** The caller reuses chunk buffers: a body still being gathered is copied out of each chunk. */
    private readonly reusesChunks = false,
  ) {}

  /** Entries completed so far, oldest first; the queue is emptied. */
  take(): TarEntry[] {
    return this.ready.splice(0, this.ready.length);
  }

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, chunk.length - i);
        // A body wholly inside this chunk is a view of it; one across chunks is gathered once.
        if (this.parts) {
          const part = chunk.subarray(i, i + n);
          if (this.parts.length === 0 && this.rejectsHead && !this.current!.meta && this.rejectsHead(this.current!, part)) {
            this.current!.rejected = true;
            this.parts = undefined;
          } else if (this.headOnly) this.parts = undefined;
          else this.parts.push(part);
        }
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
    // The last part gathered is a view of this chunk; the chunk's buffer is about to be refilled.
    if (this.reusesChunks && this.parts?.length) this.parts[this.parts.length - 1] = Buffer.from(this.parts[this.parts.length - 1]);
  }

  /** The end of the stream: truncation inside a header or a body is an error. */
  finish(): void {
    const name = this.current?.name ?? '';
    if (this.bodyLeft > 0) throw new TarFramingError(`unexpected end of data inside the body of ${name || 'an entry'} (${this.bodyLeft} bytes missing)`);
    if (this.headerFill > 0 && this.header.subarray(0, this.headerFill).some((b) => b !== 0)) {
      throw new TarFramingError(`unexpected end of data inside a tar header at byte ${this.offset - this.headerFill}`);
    }
    this.unterminated = this.sawEntry && !this.lastWasZero;
  }

  private onHeader(block: Buffer, at: number) {
    const d = decodeBlock(block);
    if (d.kind === 'zero') {
      this.lastWasZero = true;
      return;
    }
    if (d.kind === 'bad') throw new TarFramingError(`corrupt tar header at byte ${at} (${d.why})`);
    this.lastWasZero = false;
    this.sawEntry = true;
    const h: TarHeader = d.header;
    let size = bodySize(h);
    if (isMetaType(h.type)) {
      const tooBig = metaSizeProblem(h);
      if (tooBig) throw new TarFramingError(`corrupt tar: ${tooBig} at byte ${at}`);
      this.current = { name: h.name, linkname: h.linkname, type: h.type, size, mode: 0, dataOffset: at + BLOCK, meta: h.type as 'x' | 'g' | 'L' | 'K' };
      this.parts = [];
      this.headOnly = false;
    } else {
      const pax = this.pax;
      if (pax?.size !== undefined && h.type !== '5') size = Number(pax.size);
      const e: TarEntry = {
        name: pax?.path ?? this.longName ?? h.name,
        linkname: pax?.linkpath ?? this.longLink ?? h.linkname,
        type: h.type,
        size,
        mode: parseInt(block.toString('latin1', 100, 107).replace(/[^0-7].*$/, '') || '0', 8),
        dataOffset: at + BLOCK,
      };
      this.pax = undefined;
      this.longName = undefined;
      this.longLink = undefined;
      this.current = e;
      const want = size > 0 ? this.wantBody(e) : false;
      this.parts = want ? [] : undefined;
      this.headOnly = want === 'head';
    }
    this.bodyLeft = size;
    this.padLeft = paddedSize(size) - size;
    if (size === 0) this.endBody();
  }

  private endBody() {
    const e = this.current!;
    const parts = this.parts;
    this.parts = undefined;
    const body = parts === undefined ? undefined : parts.length === 1 ? parts[0] : Buffer.concat(parts);
    if (!e.meta) {
      if (body) e.body = body;
      this.ready.push(e);
      return;
    }
    const b = body ?? Buffer.alloc(0);
    if (e.meta === 'L') this.longName = b.toString('utf8').replace(/\0+$/, '');
    else if (e.meta === 'K') this.longLink = b.toString('utf8').replace(/\0+$/, '');
    else {
      let rec: Record<string, string>;
      try {
        rec = parsePax(b);
      } catch (err) {
        throw new TarFramingError(`corrupt tar: ${(err as Error).message} before byte ${this.offset}`);
      }
      if (e.meta === 'g') this.paxGlobal = rec;
      else this.pax = { ...this.paxGlobal, ...rec };
    }
  }
}

import { Limits } from './limits.js';

/**
 * Tar header decoding shared by the archive index (random access) and the layer framing check
 * (streaming). Every number in a header is attacker-controlled: sizes are validated here, once,
 * before anything is allocated or skipped, so no reader ever trusts a raw header field.
 */
export const BLOCK = 512;

/** Largest PAX extended header or GNU long name/link body we read (real ones are a few hundred bytes). */
export const MAX_TAR_META_BYTES = Limits.tarMetaBytes;

export interface TarHeader {
  /** Type flag as a character: '0' file, '5' directory, 'x' PAX, 'L' GNU long name… */
  type: string;
  name: string;
  linkname: string;
  /** Body size from the header itself (PAX `size` is applied by the caller). */
  size: number;
}

/** Header types whose body describes the next entry (bounded by MAX_TAR_META_BYTES). */
export const isMetaType = (type: string) => type === 'x' || type === 'g' || type === 'L' || type === 'K';

function cstr(buf: Buffer, start: number, len: number): string {
  const end = buf.indexOf(0, start);
  return buf.toString('utf8', start, end === -1 || end > start + len ? start + len : end);
}

/** A numeric field: octal text, or GNU base-256 (high bit set). Undefined when it is not a sane size. */
function numeric(buf: Buffer, start: number, len: number): number | undefined {
  if (buf[start] & 0x80) {
    if (buf[start] === 0xff) return undefined; // negative base-256
    let v = buf[start] & 0x7f;
    for (let i = start + 1; i < start + len; i++) {
      v = v * 256 + buf[i];
      if (v > Number.MAX_SAFE_INTEGER) return undefined;
    }
    return v;
  }
  const s = cstr(buf, start, len).trim();
  if (!s) return 0;
  if (!/^[0-7]+$/.test(s)) return undefined;
  const v = parseInt(s, 8);
  return Number.isSafeInteger(v) ? v : undefined;
}

const allZero = (b: Buffer) => {
  for (let i = 0; i < BLOCK; i++) if (b[i] !== 0) return false;
  return true;
};

export type DecodedBlock = { kind: 'zero' } | { kind: 'header'; header: TarHeader } | { kind: 'bad'; why: string };

/** Decodes one 512-byte block: an end-of-archive (zero) block, a valid header, or why it is not one. */
export function decodeBlock(h: Buffer): DecodedBlock {
  if (allZero(h)) return { kind: 'zero' };
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  if (sum !== numeric(h, 148, 8)) return { kind: 'bad', why: 'bad header checksum' };
  const size = numeric(h, 124, 12);
  if (size === undefined) return { kind: 'bad', why: 'invalid size field' };
  const type = String.fromCharCode(h[156] || 0x30);
  let name = cstr(h, 0, 100);
  if (h.toString('latin1', 257, 263) === 'ustar\0' && h[345]) name = cstr(h, 345, 155) + '/' + name;
  return { kind: 'header', header: { type, name, linkname: cstr(h, 157, 100), size } };
}

/** Why a meta header (PAX, GNU long name) cannot be read, or undefined when its size is acceptable. */
export function metaSizeProblem(h: TarHeader): string | undefined {
  if (h.size > MAX_TAR_META_BYTES) return `${h.type === 'L' || h.type === 'K' ? 'GNU long name' : 'PAX'} header of ${h.size} bytes (limit ${MAX_TAR_META_BYTES})`;
  return undefined;
}

/** PAX records `LEN key=value\n`; malformed records are an error, not a silent stop. */
export function parsePax(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < body.length) {
    if (body[i] === 0) break; // zero padding after the last record
    const sp = body.indexOf(0x20, i);
    const lenText = sp === -1 ? '' : body.toString('latin1', i, sp);
    const len = /^[0-9]{1,7}$/.test(lenText) ? parseInt(lenText, 10) : NaN;
    if (!(len > sp - i + 1) || i + len > body.length || body[i + len - 1] !== 0x0a) throw new Error('malformed PAX record');
    const rec = body.toString('utf8', sp + 1, i + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  if (out.size !== undefined && !(/^[0-9]{1,16}$/.test(out.size) && Number.isSafeInteger(Number(out.size)))) {
    throw new Error(`invalid PAX size "${out.size.slice(0, 40)}"`);
  }
  return out;
}

/** Body bytes plus padding up to the next block. */
export const paddedSize = (size: number) => Math.ceil(size / BLOCK) * BLOCK;

/**
 * Body bytes that follow a header. A directory's size field is ignored (tar-stream, which walks
 * layers, reads no body for one); every other type carries `size` bytes. Both readers use this,
 * so their idea of where the next header starts never drifts apart.
 */
export const bodySize = (h: TarHeader) => (h.type === '5' ? 0 : h.size);

/**
 * The one spelling of a path inside a tar, used by every reader: no leading `/` or `./`, no
 * empty or `.` segments, `..` resolved (never above the root), no trailing `/`. A layer that stores
 * `var/lib//dpkg/status` or `var/lib/x/../dpkg/status` means var/lib/dpkg/status, as the
 * container sees it.
 */
export function normalizeTarPath(name: string): string {
  // Fast path: already clean (the common case in real layers).
  if (!/(^|\/)\.{1,2}(\/|$)|\/\/|^\/|\/$/.test(name)) return name;
  const out: string[] = [];
  for (const seg of name.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

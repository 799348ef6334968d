import { open } from 'node:fs/promises';
import { inputError } from '../core/errors.js';

/**
 * An index of the regular files in an uncompressed tar (docker-archive, OCI archive) by reading
 * headers only and seeking over bodies. tar-stream can only read sequentially, which would
 * make every layer wait for the previous one; with byte ranges, layers are read in parallel
 * straight from the archive. Handles ustar prefixes, PAX `path`/`size` and GNU long names.
 */
export interface TarMember {
  name: string;
  start: number; // offset of the body
  size: number;
}

const BLOCK = 512;

function cstr(buf: Buffer, start: number, len: number): string {
  const end = buf.indexOf(0, start);
  return buf.toString('utf8', start, end === -1 || end > start + len ? start + len : end);
}

function octal(buf: Buffer, start: number, len: number): number {
  // GNU base-256 for sizes over 8 GiB: high bit set on the first byte.
  if (buf[start] & 0x80) {
    let v = 0;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + buf[i];
    return v;
  }
  const s = cstr(buf, start, len).trim();
  return s ? parseInt(s, 8) : 0;
}

function checksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  return sum === octal(h, 148, 8);
}

function parsePax(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < body.length) {
    const sp = body.indexOf(0x20, i);
    if (sp === -1) break;
    const len = parseInt(body.toString('utf8', i, sp), 10);
    if (!len || len <= 0) break;
    const rec = body.toString('utf8', sp + 1, i + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

export function normalizeMemberName(name: string): string {
  return name.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

export async function indexTar(path: string, where = path): Promise<Map<string, TarMember>> {
  const fh = await open(path, 'r');
  try {
    const { size: fileSize } = await fh.stat();
    const members = new Map<string, TarMember>();
    const header = Buffer.alloc(BLOCK);
    let pos = 0;
    let longName: string | undefined;
    let pax: Record<string, string> = {};
    let sawHeader = false;
    while (pos + BLOCK <= fileSize) {
      const { bytesRead } = await fh.read(header, 0, BLOCK, pos);
      if (bytesRead < BLOCK) break;
      if (header.every((b) => b === 0)) return members; // end-of-archive marker
      if (!checksumOk(header)) {
        throw inputError(sawHeader ? `corrupt tar header at byte ${pos}` : 'not a tar archive (bad header checksum)', where);
      }
      sawHeader = true;
      const type = String.fromCharCode(header[156] || 0x30);
      let size = octal(header, 124, 12);
      const bodyStart = pos + BLOCK;
      const readBody = async () => {
        const b = Buffer.alloc(size);
        await fh.read(b, 0, size, bodyStart);
        return b;
      };
      if (type === 'L') {
        longName = (await readBody()).toString('utf8').replace(/\0+$/, '');
      } else if (type === 'x') {
        pax = { ...pax, ...parsePax(await readBody()) };
      } else if (type === 'g') {
        /* global PAX header: nothing we need */
      } else {
        let name = cstr(header, 0, 100);
        const magic = header.toString('latin1', 257, 263);
        if (magic === 'ustar\0' && header[345]) name = cstr(header, 345, 155) + '/' + name;
        if (longName) name = longName;
        if (pax.path) name = pax.path;
        if (pax.size) size = Number(pax.size);
        if (type === '0' || type === '\0' || type === '7') {
          if (bodyStart + size > fileSize) throw inputError(`truncated tar: ${name} needs ${size} bytes, archive ends early`, where);
          members.set(normalizeMemberName(name), { name, start: bodyStart, size });
        }
        longName = undefined;
        pax = {};
      }
      pos = bodyStart + Math.ceil(size / BLOCK) * BLOCK;
    }
    if (!sawHeader) throw inputError('not a tar archive (empty or too short)', where);
    // No end-of-archive marker: a truncated archive unless the last member ended exactly at EOF.
    if (pos > fileSize) throw inputError('truncated tar archive', where);
    return members;
  } finally {
    await fh.close();
  }
}

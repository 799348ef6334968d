import { open } from 'node:fs/promises';
import { inputError } from '../core/errors.js';
import { BLOCK, bodySize, decodeBlock, isMetaType, metaSizeProblem, normalizeTarPath, paddedSize, parsePax } from './tar-header.js';

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

export const normalizeMemberName = normalizeTarPath;

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
      const block = decodeBlock(header);
      if (block.kind === 'zero') return members; // end-of-archive marker
      if (block.kind === 'bad') {
        throw inputError(sawHeader ? `corrupt tar header at byte ${pos} (${block.why})` : `not a tar archive (${block.why})`, where);
      }
      sawHeader = true;
      const h = block.header;
      let size = bodySize(h);
      const bodyStart = pos + BLOCK;
      // Sizes come from the archive: check them against the file before reading or skipping.
      const fits = (n: number, name: string) => {
        if (bodyStart + n > fileSize) throw inputError(`truncated tar: ${name} needs ${n} bytes at byte ${bodyStart}, archive ends at ${fileSize}`, where);
      };
      if (isMetaType(h.type)) {
        const tooBig = metaSizeProblem(h);
        if (tooBig) throw inputError(`corrupt tar: ${tooBig} at byte ${pos}`, where);
        fits(size, 'an extended header');
        const body = Buffer.alloc(size);
        await fh.read(body, 0, size, bodyStart);
        if (h.type === 'L') longName = body.toString('utf8').replace(/\0+$/, '');
        else if (h.type === 'x') {
          try {
            pax = { ...pax, ...parsePax(body) };
          } catch (e) {
            throw inputError(`corrupt tar: ${(e as Error).message} at byte ${pos}`, where);
          }
        }
        // 'g' (global PAX) and 'K' (long link name): nothing we need.
      } else {
        let name = h.name;
        if (longName) name = longName;
        if (pax.path) name = pax.path;
        if (pax.size !== undefined && h.type !== '5') size = Number(pax.size);
        fits(size, name);
        if (h.type === '0' || h.type === '7') members.set(normalizeMemberName(name), { name, start: bodyStart, size });
        longName = undefined;
        pax = {};
      }
      pos = bodyStart + paddedSize(size);
    }
    if (!sawHeader) throw inputError('not a tar archive (empty or too short)', where);
    // No end-of-archive marker: a truncated archive unless the last member ended exactly at EOF.
    if (pos > fileSize) throw inputError('truncated tar archive', where);
    return members;
  } finally {
    await fh.close();
  }
}

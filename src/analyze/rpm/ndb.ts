/**
 * rpm's NDB backend (Packages.db, SUSE since 15 SP3), written by hand from rpm's
 * lib/backend/ndb/rpmpkg.c layout description; no JS library reads it. Little-endian throughout:
 *
 *   file header (32 bytes): "RpmP" magic, version (0), generation, number of slot pages, …
 *   slot area: (slot pages × 4096 / 16) − 2 slots right after the header, each
 *       { "Slot" magic, package index, block offset, block count }   (blocks are 16 bytes)
 *   blobs: at block offset × 16, { "BlbS" magic, package index, checksum, length } + header blob
 *
 * A slot whose package index is 0 is free.
 */
const PAGE = 4096;
const BLOCK = 16;
const HEADER_MAGIC = 0x506d7052; // "RpmP" read little-endian
const SLOT_MAGIC = 0x746f6c53; // "Slot"
const BLOB_MAGIC = 0x53626c42; // "BlbS"

export class NdbError extends Error {}

export function ndbHeaderBlobs(buf: Buffer): Buffer[] {
  if (buf.length < 32 || buf.readUInt32LE(0) !== HEADER_MAGIC) throw new NdbError('not an rpm NDB file (bad magic)');
  const version = buf.readUInt32LE(4);
  if (version !== 0) throw new NdbError(`unsupported NDB version ${version}`);
  const slotPages = buf.readUInt32LE(12);
  if (slotPages === 0 || slotPages * PAGE > buf.length) throw new NdbError(`implausible slot page count ${slotPages}`);
  const nslots = (slotPages * PAGE) / BLOCK - 2;
  const out: Buffer[] = [];
  for (let i = 0; i < nslots; i++) {
    const o = 32 + i * BLOCK;
    if (buf.readUInt32LE(o) !== SLOT_MAGIC) throw new NdbError(`slot ${i}: bad magic`);
    const pkgIndex = buf.readUInt32LE(o + 4);
    if (pkgIndex === 0) continue;
    const blkOffset = buf.readUInt32LE(o + 8);
    const start = blkOffset * BLOCK;
    if (start + 16 > buf.length) throw new NdbError(`package ${pkgIndex}: blob offset beyond end of file`);
    if (buf.readUInt32LE(start) !== BLOB_MAGIC) throw new NdbError(`package ${pkgIndex}: bad blob magic`);
    if (buf.readUInt32LE(start + 4) !== pkgIndex) throw new NdbError(`package ${pkgIndex}: blob belongs to package ${buf.readUInt32LE(start + 4)}`);
    const len = buf.readUInt32LE(start + 12);
    if (start + 16 + len > buf.length) throw new NdbError(`package ${pkgIndex}: blob truncated`);
    out.push(buf.subarray(start + 16, start + 16 + len));
  }
  return out;
}

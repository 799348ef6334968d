/**
 * Berkeley DB hash databases (rpm's historical `Packages` file, RHEL ≤ 8, CentOS, Amazon Linux 2),
 * read by hand from Berkeley DB's on-disk format (db_page.h as documented by Oracle/Sleepycat);
 * no maintained JS library reads them. Only what rpm needs: walk every hash page, take each
 * key/data pair, follow overflow chains for the data. Byte order is the writer's: the meta page's
 * magic tells which.
 *
 *   meta page 0: … magic @12 (0x061561 = hash), version @16, page size @20, encrypt @24, type @25
 *   page header (26 bytes): pgno @8, prev @12, next @16, entries (u16) @20, hf_offset (u16) @22,
 *                           level @24, type @25
 *   hash page (type 2 or 13): u16 item offsets from byte 26; items pair up as key, data.
 *       item type 1 (KEYDATA): bytes inline, up to the previous item's start (or page end)
 *       item type 3 (OFFPAGE): first overflow page @4, total length @8
 *   overflow page (type 7): hf_offset bytes of data from byte 26, next page in `next`.
 *   With checksums on (meta flags @26 bit 0x01) 2 spare bytes and a 4-byte checksum follow every page header, so
 *   item offsets and overflow data start at byte 32. Checksums are not verified.
 */
const HASH_MAGIC = 0x061561;
const P_HASH_UNSORTED = 2;
const P_OVERFLOW = 7;
const P_HASHMETA = 8;
const P_HASH = 13;
const H_KEYDATA = 1;
const H_OFFPAGE = 3;
const PAGE_HEADER = 26;
/** With DB_CHKSUM (meta flag 0x01) every page header is followed by 2 spare bytes and a 4-byte checksum. */
const DBMETA_CHKSUM = 0x01;
const CHKSUM_SIZE = 6;

export class BdbError extends Error {}

export function bdbHashValues(buf: Buffer): Buffer[] {
  if (buf.length < 512) throw new BdbError('file too short for a Berkeley DB');
  let le: boolean;
  if (buf.readUInt32LE(12) === HASH_MAGIC) le = true;
  else if (buf.readUInt32BE(12) === HASH_MAGIC) le = false;
  else throw new BdbError('not a Berkeley DB hash database (bad magic)');
  const u32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const u16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const pageSize = u32(20);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) throw new BdbError(`implausible page size ${pageSize}`);
  if (buf[24] !== 0) throw new BdbError('encrypted Berkeley DB is not supported');
  if (buf[25] !== P_HASHMETA) throw new BdbError(`meta page has type ${buf[25]}, expected hash meta`);
  const overhead = PAGE_HEADER + (buf[26] & DBMETA_CHKSUM ? CHKSUM_SIZE : 0);
  const npages = Math.floor(buf.length / pageSize);

  const overflow = (first: number, total: number): Buffer => {
    const out = Buffer.allocUnsafe(total);
    let got = 0;
    let pg = first;
    let hops = 0;
    while (got < total) {
      if (pg === 0 || pg >= npages || ++hops > npages) throw new BdbError(`overflow chain from page ${first} broken at page ${pg}`);
      const base = pg * pageSize;
      if (buf[base + 25] !== P_OVERFLOW) throw new BdbError(`page ${pg} in an overflow chain is not an overflow page`);
      const len = Math.min(u16(base + 22), total - got, pageSize - overhead);
      buf.copy(out, got, base + overhead, base + overhead + len);
      got += len;
      pg = u32(base + 16);
    }
    return out;
  };

  const values: Buffer[] = [];
  for (let pg = 1; pg < npages; pg++) {
    const base = pg * pageSize;
    const type = buf[base + 25];
    if (type !== P_HASH && type !== P_HASH_UNSORTED) continue;
    const entries = u16(base + 20);
    if (overhead + entries * 2 > pageSize) throw new BdbError(`page ${pg}: ${entries} entries do not fit`);
    const itemEnd = (i: number) => (i === 0 ? pageSize : u16(base + overhead + (i - 1) * 2));
    for (let i = 0; i + 1 < entries; i += 2) {
      const keyOff = u16(base + overhead + i * 2);
      const dataOff = u16(base + overhead + (i + 1) * 2);
      if (keyOff >= pageSize || dataOff >= pageSize) throw new BdbError(`page ${pg}: item offset out of page`);
      // rpm's record 0 is bookkeeping (the next instance number), not a package header.
      if (buf[base + keyOff] === H_KEYDATA && itemEnd(i) - keyOff - 1 === 4 && u32(base + keyOff + 1) === 0) continue;
      const dtype = buf[base + dataOff];
      if (dtype === H_KEYDATA) {
        values.push(buf.subarray(base + dataOff + 1, base + itemEnd(i + 1)));
      } else if (dtype === H_OFFPAGE) {
        values.push(overflow(u32(base + dataOff + 4), u32(base + dataOff + 8)));
      } else {
        throw new BdbError(`page ${pg}: unsupported item type ${dtype}`);
      }
    }
  }
  return values;
}

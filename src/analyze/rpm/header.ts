/**
 * rpm header blobs, as the package databases store them (no lead, no 8-byte header magic),
 * decoded by hand from rpm's own description of the format (rpm.org "Package format" / header
 * structure, and rpm's lib/header.c layout); no JS library reads them. Layout, all big-endian:
 *
 *   int32 il            number of index entries
 *   int32 dl            size of the data store
 *   il × { int32 tag, uint32 type, int32 offset, uint32 count }
 *   dl bytes of data    (entries point into it by offset)
 *
 * The first entry is usually a region tag (HEADER_IMMUTABLE) whose data is a trailer describing
 * the signed region; we do not verify regions, we read the tags we need. Entries appended after
 * the region ("dribbles") come later in the index and override earlier ones.
 */

export const TYPE = { NULL: 0, CHAR: 1, INT8: 2, INT16: 3, INT32: 4, INT64: 5, STRING: 6, BIN: 7, STRING_ARRAY: 8, I18NSTRING: 9 } as const;

export const TAG = {
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  SUMMARY: 1004,
  SIZE: 1009,
  VENDOR: 1011,
  LICENSE: 1014,
  ARCH: 1022,
  OLDFILENAMES: 1027,
  SOURCERPM: 1044,
  DIRINDEXES: 1116,
  BASENAMES: 1117,
  DIRNAMES: 1118,
  MODULARITYLABEL: 5096,
} as const;

export class HeaderError extends Error {}

interface Entry {
  type: number;
  offset: number;
  count: number;
}

/** A parsed header: tag → raw entry, with typed getters. */
export class RpmHeader {
  private constructor(
    private readonly data: Buffer,
    private readonly entries: Map<number, Entry>,
  ) {}

  static parse(blob: Buffer): RpmHeader {
    if (blob.length < 8) throw new HeaderError('header blob shorter than 8 bytes');
    const il = blob.readInt32BE(0);
    const dl = blob.readInt32BE(4);
    // rpm caps these too (HEADER_TAGS_MAX / HEADER_DATA_MAX); they also guard against garbage.
    if (il < 1 || il > 0xffff || dl < 0 || dl > 256 * 1024 * 1024) throw new HeaderError(`implausible header sizes il=${il} dl=${dl}`);
    const dataStart = 8 + il * 16;
    if (dataStart + dl > blob.length) throw new HeaderError(`header blob truncated: needs ${dataStart + dl} bytes, has ${blob.length}`);
    const data = blob.subarray(dataStart, dataStart + dl);
    const entries = new Map<number, Entry>();
    for (let i = 0; i < il; i++) {
      const o = 8 + i * 16;
      const tag = blob.readInt32BE(o);
      const type = blob.readUInt32BE(o + 4);
      const offset = blob.readInt32BE(o + 8);
      const count = blob.readUInt32BE(o + 12);
      if (type > TYPE.I18NSTRING) throw new HeaderError(`tag ${tag}: unknown type ${type}`);
      if (offset < 0 || offset > dl) continue; // region trailers point backwards; not a tag we read
      entries.set(tag, { type, offset, count });
    }
    return new RpmHeader(data, entries);
  }

  has(tag: number): boolean {
    return this.entries.has(tag);
  }

  /** STRING, or the first string of a STRING_ARRAY / I18NSTRING. */
  string(tag: number): string | undefined {
    const e = this.entries.get(tag);
    if (!e) return undefined;
    if (e.type !== TYPE.STRING && e.type !== TYPE.STRING_ARRAY && e.type !== TYPE.I18NSTRING) return undefined;
    return this.readStrings(e, 1)[0];
  }

  strings(tag: number): string[] {
    const e = this.entries.get(tag);
    if (!e) return [];
    if (e.type !== TYPE.STRING && e.type !== TYPE.STRING_ARRAY && e.type !== TYPE.I18NSTRING) return [];
    return this.readStrings(e, e.type === TYPE.STRING ? 1 : e.count);
  }

  /** INT8/16/32/64 values as numbers (INT64 beyond 2^53 loses precision; sizes never get there). */
  ints(tag: number): number[] {
    const e = this.entries.get(tag);
    if (!e) return [];
    const width = e.type === TYPE.INT8 || e.type === TYPE.CHAR ? 1 : e.type === TYPE.INT16 ? 2 : e.type === TYPE.INT32 ? 4 : e.type === TYPE.INT64 ? 8 : 0;
    if (!width) return [];
    if (e.offset + e.count * width > this.data.length) throw new HeaderError(`tag ${tag}: data out of bounds`);
    const out = new Array<number>(e.count);
    for (let i = 0; i < e.count; i++) {
      const o = e.offset + i * width;
      out[i] = width === 1 ? this.data[o] : width === 2 ? this.data.readUInt16BE(o) : width === 4 ? this.data.readInt32BE(o) : Number(this.data.readBigInt64BE(o));
    }
    return out;
  }

  int(tag: number): number | undefined {
    return this.ints(tag)[0];
  }

  private readStrings(e: Entry, n: number): string[] {
    const out: string[] = [];
    let pos = e.offset;
    for (let i = 0; i < n; i++) {
      const end = this.data.indexOf(0, pos);
      if (end === -1) throw new HeaderError('unterminated string in header data');
      out.push(this.data.toString('utf8', pos, end));
      pos = end + 1;
    }
    return out;
  }
}

/** The fields a package inventory needs, from one header. */
export interface RpmPackageInfo {
  name: string;
  epoch?: number;
  version: string;
  release: string;
  arch?: string;
  sourceRpm?: string;
  license?: string;
  vendor?: string;
  modularityLabel?: string;
  files: string[];
}

export function readPackageInfo(h: RpmHeader): RpmPackageInfo {
  const name = h.string(TAG.NAME);
  if (!name) throw new HeaderError('header has no NAME');
  const info: RpmPackageInfo = {
    name,
    version: h.string(TAG.VERSION) ?? '',
    release: h.string(TAG.RELEASE) ?? '',
    files: fileList(h),
  };
  const epoch = h.int(TAG.EPOCH);
  if (epoch !== undefined) info.epoch = epoch;
  const arch = h.string(TAG.ARCH);
  if (arch) info.arch = arch;
  const src = h.string(TAG.SOURCERPM);
  if (src && src !== '(none)') info.sourceRpm = src;
  const lic = h.string(TAG.LICENSE);
  if (lic) info.license = lic;
  const vendor = h.string(TAG.VENDOR);
  if (vendor) info.vendor = vendor;
  const mod = h.string(TAG.MODULARITYLABEL);
  if (mod) info.modularityLabel = mod;
  return info;
}

/** BASENAMES[i] lives in DIRNAMES[DIRINDEXES[i]]; very old packages use OLDFILENAMES. Relative paths. */
function fileList(h: RpmHeader): string[] {
  const base = h.strings(TAG.BASENAMES);
  if (base.length === 0) return h.strings(TAG.OLDFILENAMES).map(stripSlash);
  const dirs = h.strings(TAG.DIRNAMES);
  const idx = h.ints(TAG.DIRINDEXES);
  const out = new Array<string>(base.length);
  for (let i = 0; i < base.length; i++) {
    const d = dirs[idx[i]];
    if (d === undefined) throw new HeaderError(`file ${base[i]}: directory index ${idx[i]} out of range`);
    out[i] = stripSlash(d + base[i]);
  }
  return out;
}

const stripSlash = (p: string) => (p.startsWith('/') ? p.slice(1) : p);

/**
 * "curl-7.76.1-14.el9.src.rpm" → { name: "curl", version: "7.76.1", release: "14.el9" }. The
 * file name is NAME-VERSION-RELEASE.ARCH.rpm and neither VERSION nor RELEASE may contain '-', so
 * the last two dashes split it.
 */
export function parseSourceRpm(file: string): { name: string; version: string; release: string } | undefined {
  let s = file;
  if (s.endsWith('.rpm')) s = s.slice(0, -4);
  const dot = s.lastIndexOf('.');
  if (dot === -1) return undefined;
  s = s.slice(0, dot); // drop .src / .nosrc
  const r = s.lastIndexOf('-');
  if (r <= 0) return undefined;
  const v = s.lastIndexOf('-', r - 1);
  if (v <= 0) return undefined;
  return { name: s.slice(0, v), version: s.slice(v + 1, r), release: s.slice(r + 1) };
}

/**
 * Just enough ELF to find a named section and map a virtual address to a file offset — what the Go
 * build-info and cargo-auditable readers need. No npm library reads ELF sections from a Buffer without
 * native code or a whole disassembler attached, and the format is small and stable (System V gABI).
 */
export interface ElfSection {
  name: string;
  type: number;
  addr: bigint;
  offset: number;
  size: number;
}
export interface ElfSegment {
  type: number;
  offset: number;
  vaddr: bigint;
  filesz: number;
}
export interface Elf {
  is64: boolean;
  littleEndian: boolean;
  sections: ElfSection[];
  segments: ElfSegment[];
}

export const isElf = (b: Buffer) => b.length >= 4 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46;

/** Parses the ELF header, section and program header tables; throws on a truncated or inconsistent file. */
export function parseElf(b: Buffer): Elf {
  return parseElfAt((o, n) => b.subarray(o, o + n), b.length);
}

// A section-name table larger than this is not a real one (names are a few hundred bytes).
const MAX_STRTAB = 1024 * 1024;

/**
 * The same from a file read by ranges (`read(offset, length)`, `size` bytes in all): only the
 * headers and the section-name table are read, so a 30 MB C binary costs a few kilobytes.
 */
export function parseElfAt(read: (offset: number, length: number) => Buffer, size: number): Elf {
  const h = read(0, Math.min(size, 64));
  if (!isElf(h)) throw new Error('not an ELF file');
  if (h.length < 52) throw new Error('truncated ELF header');
  const cls = h[4];
  const data = h[5];
  if ((cls !== 1 && cls !== 2) || (data !== 1 && data !== 2)) throw new Error('invalid ELF class or byte order');
  const is64 = cls === 2;
  const le = data === 1;
  if (is64 && h.length < 64) throw new Error('truncated ELF header');
  const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const addr = (b: Buffer, o: number): bigint => (is64 ? (le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : BigInt(u32(b, o)));
  const off = (b: Buffer, o: number): number => Number(addr(b, o));
  const phoff = off(h, is64 ? 32 : 28);
  const shoff = off(h, is64 ? 40 : 32);
  const phentsize = u16(h, is64 ? 54 : 42);
  const phnum = u16(h, is64 ? 56 : 44);
  const shentsize = u16(h, is64 ? 58 : 46);
  const shnum = u16(h, is64 ? 60 : 48);
  const shstrndx = u16(h, is64 ? 62 : 50);
  const within = (o: number, n: number) => o >= 0 && o + n <= size;

  const segments: ElfSegment[] = [];
  if (phoff && phnum) {
    if (!within(phoff, phnum * phentsize)) throw new Error('truncated ELF program headers');
    const t = read(phoff, phnum * phentsize);
    for (let i = 0; i < phnum; i++) {
      const p = i * phentsize;
      segments.push(
        is64
          ? { type: u32(t, p), offset: off(t, p + 8), vaddr: addr(t, p + 16), filesz: off(t, p + 32) }
          : { type: u32(t, p), offset: u32(t, p + 4), vaddr: BigInt(u32(t, p + 8)), filesz: u32(t, p + 16) },
      );
    }
  }
  const raw: (Omit<ElfSection, 'name'> & { nameOff: number })[] = [];
  if (shoff && shnum) {
    if (!within(shoff, shnum * shentsize)) throw new Error('truncated ELF section headers');
    const t = read(shoff, shnum * shentsize);
    for (let i = 0; i < shnum; i++) {
      const s = i * shentsize;
      raw.push(
        is64
          ? { nameOff: u32(t, s), type: u32(t, s + 4), addr: addr(t, s + 16), offset: off(t, s + 24), size: off(t, s + 32) }
          : { nameOff: u32(t, s), type: u32(t, s + 4), addr: BigInt(u32(t, s + 12)), offset: u32(t, s + 16), size: u32(t, s + 20) },
      );
    }
  }
  const strtab = raw[shstrndx];
  // The names: from the table's offset to the end of the file at most (as in a whole buffer).
  const names = strtab && within(strtab.offset, 1) ? read(strtab.offset, Math.min(size - strtab.offset, Math.max(strtab.size, 1), MAX_STRTAB)) : undefined;
  const sections: ElfSection[] = raw.map((s) => {
    let name = '';
    if (names && s.nameOff < names.length) {
      const end = names.indexOf(0, s.nameOff);
      name = names.toString('latin1', s.nameOff, end < 0 ? names.length : end);
    }
    return { name, type: s.type, addr: s.addr, offset: s.offset, size: s.size };
  });
  return { is64, littleEndian: le, sections, segments };
}

/** The bytes of a named section (SHT_NOBITS sections have none); undefined if absent or out of the file. */
export function elfSection(b: Buffer, elf: Elf, name: string): Buffer | undefined {
  const s = elf.sections.find((x) => x.name === name);
  if (!s || s.type === 8 /* SHT_NOBITS */ || s.offset + s.size > b.length) return undefined;
  return b.subarray(s.offset, s.offset + s.size);
}

/** File offset of a virtual address, through the PT_LOAD segments. */
export function elfAddrToOffset(elf: Elf, vaddr: bigint): number | undefined {
  for (const p of elf.segments) {
    if (p.type !== 1) continue;
    if (vaddr >= p.vaddr && vaddr < p.vaddr + BigInt(p.filesz)) return p.offset + Number(vaddr - p.vaddr);
  }
  return undefined;
}

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
  if (!isElf(b)) throw new Error('not an ELF file');
  if (b.length < 52) throw new Error('truncated ELF header');
  const cls = b[4];
  const data = b[5];
  if ((cls !== 1 && cls !== 2) || (data !== 1 && data !== 2)) throw new Error('invalid ELF class or byte order');
  const is64 = cls === 2;
  const le = data === 1;
  if (is64 && b.length < 64) throw new Error('truncated ELF header');
  const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const addr = (o: number): bigint => (is64 ? (le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : BigInt(u32(o)));
  const off = (o: number): number => Number(addr(o));
  const phoff = off(is64 ? 32 : 28);
  const shoff = off(is64 ? 40 : 32);
  const phentsize = u16(is64 ? 54 : 42);
  const phnum = u16(is64 ? 56 : 44);
  const shentsize = u16(is64 ? 58 : 46);
  const shnum = u16(is64 ? 60 : 48);
  const shstrndx = u16(is64 ? 62 : 50);
  const within = (o: number, n: number) => o >= 0 && o + n <= b.length;

  const segments: ElfSegment[] = [];
  if (phoff && phnum) {
    if (!within(phoff, phnum * phentsize)) throw new Error('truncated ELF program headers');
    for (let i = 0; i < phnum; i++) {
      const p = phoff + i * phentsize;
      segments.push(
        is64
          ? { type: u32(p), offset: off(p + 8), vaddr: addr(p + 16), filesz: off(p + 32) }
          : { type: u32(p), offset: u32(p + 4), vaddr: BigInt(u32(p + 8)), filesz: u32(p + 16) },
      );
    }
  }
  const raw: (Omit<ElfSection, 'name'> & { nameOff: number })[] = [];
  if (shoff && shnum) {
    if (!within(shoff, shnum * shentsize)) throw new Error('truncated ELF section headers');
    for (let i = 0; i < shnum; i++) {
      const s = shoff + i * shentsize;
      raw.push(
        is64
          ? { nameOff: u32(s), type: u32(s + 4), addr: addr(s + 16), offset: off(s + 24), size: off(s + 32) }
          : { nameOff: u32(s), type: u32(s + 4), addr: BigInt(u32(s + 12)), offset: u32(s + 16), size: u32(s + 20) },
      );
    }
  }
  const strtab = raw[shstrndx];
  const sections: ElfSection[] = raw.map((s) => {
    let name = '';
    if (strtab && within(strtab.offset + s.nameOff, 1)) {
      const start = strtab.offset + s.nameOff;
      const end = b.indexOf(0, start);
      name = b.toString('latin1', start, end < 0 ? b.length : end);
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

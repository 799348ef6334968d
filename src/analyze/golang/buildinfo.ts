import type { Package, ScanWarning } from '../../core/types.js';
import type { AnalysisResult, AnalyzerInput } from '../types.js';
import { elfAddrToOffset, isElf, parseElf, parseElfAt, warning, type Elf } from '../lang-common/index.js';
import { goPackage, stdlibVersion } from './purl.js';

/**
 * Build information the Go linker embeds in every binary built in module mode (`go version -m` prints it).
 * Written here because no npm library reads it: a 32-byte header starting "\xff Go buildinf:", then either
 * (Go ≥ 1.18, flag bit 2) two varint-length-prefixed strings inline — the Go version and the module info —
 * or (Go 1.13–1.17) two pointers to string headers that are resolved through the ELF load segments.
 * Module info is tab-separated lines: `path`, `mod` (main module), `dep`, `=>` (replacement of the previous dep).
 */
const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const BUILD_ID = Buffer.from('\xff Go build ID: "', 'latin1');

export interface GoBuildInfo {
  goVersion: string;
  path?: string;
  main?: GoModule;
  deps: GoModule[];
  settings: Record<string, string>;
}
export interface GoModule {
  path: string;
  version: string;
  sum?: string;
  replace?: GoModule;
}

type Format = 'elf' | 'pe' | 'macho';
export function executableFormat(b: Buffer): Format | undefined {
  if (isElf(b)) return 'elf';
  if (b.length >= 2 && b[0] === 0x4d && b[1] === 0x5a) return 'pe';
  if (b.length >= 4) {
    const m = b.readUInt32BE(0);
    if (m === 0xfeedface || m === 0xfeedfacf || m === 0xcefaedfe || m === 0xcffaedfe) return 'macho';
  }
  return undefined;
}

/** Finds and decodes the build info; undefined when the binary has none (not Go, or built outside module mode). */
export function readGoBuildInfo(b: Buffer, elf?: Elf): GoBuildInfo | undefined {
  const candidates: number[] = [];
  const sec = elf?.sections.find((s) => s.name === '.go.buildinfo');
  if (sec && b.subarray(sec.offset, sec.offset + 14).equals(MAGIC)) candidates.push(sec.offset);
  // An ELF with section headers but neither Go section is not Go: skip the scan of its whole body
  // (an image holds many large C binaries). Without section headers, and for PE/Mach-O, scan.
  const elfWithSections = elf !== undefined && elf.sections.length > 0;
  const goElf = elfWithSections && elf.sections.some((s) => s.name === '.go.buildinfo' || s.name === '.note.go.buildid');
  if (!elfWithSections || (goElf && !candidates.length)) {
    for (let at = b.indexOf(MAGIC); at >= 0; at = b.indexOf(MAGIC, at + 1)) if (at % 16 === 0 && !candidates.includes(at)) candidates.push(at);
  }
  for (const at of candidates) {
    const strings = decodeHeader(b, at, elf);
    // An empty version string means the header is there but the data is not (stripped or damaged).
    if (strings && strings[0]) return parseModInfo(strings[0], strings[1]);
  }
  return undefined;
}

function decodeHeader(b: Buffer, at: number, elf?: Elf): [string, string] | undefined {
  if (at + 32 > b.length) return undefined;
  const ptrSize = b[at + 14];
  const flags = b[at + 15];
  if (flags & 2) {
    let pos = at + 32;
    const read = (): string | undefined => {
      let len = 0;
      let shift = 0;
      for (;;) {
        if (pos >= b.length || shift > 28) return undefined;
        const c = b[pos++];
        len |= (c & 0x7f) << shift;
        if (!(c & 0x80)) break;
        shift += 7;
      }
      if (pos + len > b.length) return undefined;
      const s = b.toString('utf8', pos, pos + len);
      pos += len;
      return s;
    };
    const version = read();
    const mod = read();
    return version !== undefined && mod !== undefined ? [version, mod] : undefined;
  }
  // Pre-1.18: pointers, only resolvable with the container's address map (ELF implemented).
  if (!elf || (ptrSize !== 4 && ptrSize !== 8)) return undefined;
  const be = (flags & 1) === 1;
  const ptr = (o: number): bigint | undefined => {
    if (o < 0 || o + ptrSize > b.length) return undefined;
    if (ptrSize === 8) return be ? b.readBigUInt64BE(o) : b.readBigUInt64LE(o);
    return BigInt(be ? b.readUInt32BE(o) : b.readUInt32LE(o));
  };
  const str = (headerAddr: bigint | undefined): string | undefined => {
    if (headerAddr === undefined) return undefined;
    const h = elfAddrToOffset(elf, headerAddr);
    if (h === undefined) return undefined;
    const dataAddr = ptr(h);
    const len = ptr(h + ptrSize);
    if (dataAddr === undefined || len === undefined) return undefined;
    const d = elfAddrToOffset(elf, dataAddr);
    if (d === undefined || d + Number(len) > b.length) return undefined;
    return b.toString('utf8', d, d + Number(len));
  };
  const version = str(ptr(at + 16));
  const mod = str(ptr(at + 16 + ptrSize));
  return version !== undefined && mod !== undefined ? [version, mod] : undefined;
}

export function parseModInfo(goVersion: string, raw: string): GoBuildInfo {
  // The module info is wrapped in 16-byte sentinels so the linker can find it; strip them.
  let mod = raw;
  if (mod.length >= 33 && mod[mod.length - 17] === '\n') mod = mod.slice(16, mod.length - 16);
  const info: GoBuildInfo = { goVersion, deps: [], settings: {} };
  let last: GoModule | undefined;
  for (const line of mod.split('\n')) {
    const f = line.split('\t');
    const mk = (): GoModule => ({ path: f[1], version: f[2] ?? '', ...(f[3] ? { sum: f[3] } : {}) });
    switch (f[0]) {
      case 'path':
        info.path = f[1];
        break;
      case 'mod':
        info.main = last = mk();
        break;
      case 'dep':
        last = mk();
        info.deps.push(last);
        break;
      case '=>':
        if (last) last.replace = mk();
        break;
      case 'build': {
        const eq = (f[1] ?? '').indexOf('=');
        if (eq > 0) info.settings[f[1].slice(0, eq)] = f[1].slice(eq + 1);
        break;
      }
    }
  }
  return info;
}

/**
 * Packages of a Go binary: the main module (version "" when built from a checkout, "(devel)"), every dep
 * (a dep replaced by another module version is reported as that module, `meta.replaces` the original;
 * one replaced by a local directory keeps its name and version with `meta.replacedBy` the directory),
 * and `stdlib` at the toolchain version.
 */
export function goBinaryPackages(info: GoBuildInfo, file: { path: string; layer?: string }): Package[] {
  const out: Package[] = [];
  if (info.main && info.main.path && info.main.path !== 'command-line-arguments') {
    const v = info.main.version === '(devel)' ? '' : info.main.version;
    out.push(goPackage(info.main.path, v, file, { mainModule: true, goVersion: info.goVersion }));
  }
  for (const d of info.deps) {
    const r = d.replace;
    if (r && r.version && r.version !== '(devel)') out.push(goPackage(r.path, r.version, file, { replaces: `${d.path}@${d.version}` }));
    else out.push(goPackage(d.path, d.version, file, r ? { replacedBy: r.path } : undefined));
  }
  const std = stdlibVersion(info.goVersion);
  if (std) out.push(goPackage('stdlib', std, file, { goVersion: info.goVersion }));
  return out;
}

/**
 * False when analyzeGoBinary() finds nothing, told from ranges of the file: not an executable, or
 * an ELF whose section headers name no Go section (most binaries in an image are C).
 */
export function goBinaryNeedsBody(read: (offset: number, length: number) => Buffer, size: number): boolean {
  const format = executableFormat(read(0, Math.min(size, 64)));
  if (format !== 'elf') return format !== undefined;
  let elf: Elf;
  try {
    elf = parseElfAt(read, size);
  } catch {
    return true; // analyzeGoBinary reports it
  }
  return elf.sections.length === 0 || elf.sections.some((s) => s.name === '.go.buildinfo' || s.name === '.note.go.buildid');
}

export function analyzeGoBinary(file: AnalyzerInput): AnalysisResult | undefined {
  const b = file.content;
  const format = executableFormat(b);
  if (!format) return undefined; // scripts and data files with the x bit: not binaries
  let elf: Elf | undefined;
  if (format === 'elf') {
    try {
      elf = parseElf(b);
    } catch (e) {
      return { warnings: [warning(`unreadable executable: ${(e as Error).message}`, file.path)] };
    }
  }
  const info = readGoBuildInfo(b, elf);
  if (!info) {
    // Only a Go binary is expected to carry build info; C/Rust binaries are silently not Go.
    const isGo = elf && elf.sections.length
      ? elf.sections.some((s) => s.name === '.go.buildinfo' || s.name === '.note.go.buildid')
      : b.indexOf(BUILD_ID) >= 0 || b.indexOf(MAGIC) >= 0;
    const warnings: ScanWarning[] = isGo ? [warning('Go binary without readable module build info', file.path)] : [];
    return warnings.length ? { warnings } : undefined;
  }
  return { packages: goBinaryPackages(info, file) };
}

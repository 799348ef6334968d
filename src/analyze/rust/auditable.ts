import { inflateSync } from 'node:zlib';
import type { Package } from '../../core/types.js';
import type { AnalysisResult, AnalyzerInput } from '../types.js';
import { elfSection, isElf, parseElf, parseElfAt, warning } from '../lang-common/index.js';
import { cratePackage } from './purl.js';

interface AuditablePackage {
  name?: unknown;
  version?: unknown;
  source?: unknown;
  kind?: unknown;
  root?: unknown;
}

/**
 * cargo-auditable embeds the binary's dependency tree as zlib-compressed JSON in a `.dep-v0` linker
 * section: {"packages":[{name, version, source: "crates.io"|"git"|"local"|"registry", kind?: "build",
 * dependencies?: [index…], root?: true}]}. Read here by hand (ELF only): no npm library knows it.
 * Local crates (the binary's own and path dependencies) are not reported; build-time crates
 * (proc-macros, build scripts) are, with `meta.kind = "build"` — their code does not ship in the binary.
 */
export function parseAuditableJSON(json: string, file: { path: string; layer?: string }): Package[] {
  const doc = JSON.parse(json) as { packages?: AuditablePackage[] };
  if (!doc || !Array.isArray(doc.packages)) throw new Error('no packages array');
  const out: Package[] = [];
  for (const p of doc.packages) {
    if (typeof p.name !== 'string' || typeof p.version !== 'string') continue;
    if (p.source === 'local' || p.root === true) continue;
    const meta: Record<string, unknown> = {};
    if (p.kind === 'build') meta.kind = 'build';
    if (p.source !== 'crates.io' && typeof p.source === 'string') meta.source = p.source;
    out.push(cratePackage(p.name, p.version, file, Object.keys(meta).length ? meta : undefined));
  }
  return out;
}

/** False when analyzeRustBinary() finds nothing, told from ranges: no ELF, or no `.dep-v0` section. */
export function rustBinaryNeedsBody(read: (offset: number, length: number) => Buffer, size: number): boolean {
  if (!isElf(read(0, Math.min(size, 4)))) return false;
  try {
    return parseElfAt(read, size).sections.some((s) => s.name === '.dep-v0');
  } catch {
    return false; // analyzeRustBinary ignores an unreadable ELF too
  }
}

export function analyzeRustBinary(file: AnalyzerInput): AnalysisResult | undefined {
  const b = file.content;
  if (!isElf(b)) return undefined;
  let section: Buffer | undefined;
  try {
    section = elfSection(b, parseElf(b), '.dep-v0');
  } catch {
    return undefined; // an unreadable ELF is reported once, by the Go binary analyzer
  }
  if (!section) return undefined; // most binaries were not built with cargo-auditable
  let json: string;
  try {
    json = inflateSync(section).toString('utf8');
  } catch (e) {
    return { warnings: [warning(`corrupt cargo-auditable data: ${(e as Error).message}`, file.path)] };
  }
  return { packages: parseAuditableJSON(json, file) };
}

// Test helpers shared by the language analyzers' tests (not used at run time).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Package, ScanWarning } from '../../core/types.js';
import type { Analyzer } from '../types.js';

export interface Collected {
  packages: Package[];
  warnings: ScanWarning[];
  /** analyzer id per file that some analyzer wanted */
  wanted: Record<string, string[]>;
}

/** Runs one file through every analyzer that wants it, as the layer walk would. `path` is the in-image path. */
export async function runFile(analyzers: Analyzer[], abs: string, path = abs, layer?: string): Promise<Collected> {
  const content = readFileSync(abs);
  const mode = statSync(abs).mode & 0o7777; // the fixture's own mode: executables are chosen by their x bit
  const out: Collected = { packages: [], warnings: [], wanted: {} };
  for (const a of analyzers) {
    if (!a.wants(path, { size: content.length, mode })) continue;
    (out.wanted[path] ??= []).push(a.id);
    const r = await a.analyze({ path, size: content.length, mode, content, layer });
    out.packages.push(...(r?.packages ?? []));
    out.warnings.push(...(r?.warnings ?? []));
  }
  return out;
}

/** Walks a directory like `coastguard fs` would (paths relative to `root`) through every analyzer. */
export async function runTree(analyzers: Analyzer[], root: string, layer?: string): Promise<Collected> {
  const out: Collected = { packages: [], warnings: [], wanted: {} };
  const walk = async (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) await walk(abs);
      else {
        const r = await runFile(analyzers, abs, relative(root, abs), layer);
        out.packages.push(...r.packages);
        out.warnings.push(...r.warnings);
        Object.assign(out.wanted, r.wanted);
      }
    }
  };
  await walk(root);
  return out;
}

/** Sorted "name@version" list: what the tests compare. */
export const nv = (pkgs: Package[]) => pkgs.map((p) => `${p.name}@${p.version}`).sort();

import { PackageURL } from 'packageurl-js';
import type { Package, ScanWarning } from '../../core/types.js';
import type { AnalysisResult, Analyzer, AnalyzerInput } from '../types.js';

/** What every language parser knows about a package; the rest is built the same way everywhere. */
export interface LangPackageSpec {
  /** OSV ecosystem name: npm, PyPI, Maven, Go, RubyGems, crates.io, Packagist, NuGet. */
  ecosystem: string;
  /** PURL type: npm, pypi, maven, golang, gem, cargo, composer, nuget. */
  purlType: string;
  /** Name as the ecosystem writes it (npm "@scope/name", Maven "group:artifact", Go module path). */
  name: string;
  version: string;
  /** PURL namespace and name when they differ from a plain split of `name`. */
  purlNamespace?: string;
  purlName?: string;
  qualifiers?: Record<string, string>;
  licenses?: string[];
  meta?: Record<string, unknown>;
}

/** Builds a Package whose location is the file it was read from (exact path, so ownership can match it). */
export function langPackage(spec: LangPackageSpec, file: { path: string; layer?: string }): Package {
  const purl = new PackageURL(
    spec.purlType,
    spec.purlNamespace,
    spec.purlName ?? spec.name,
    spec.version || undefined,
    spec.qualifiers && Object.keys(spec.qualifiers).length ? spec.qualifiers : undefined,
    undefined,
  ).toString();
  const pkg: Package = {
    name: spec.name,
    version: spec.version,
    ecosystem: spec.ecosystem,
    purl,
    locations: [file.layer ? { path: file.path, layer: file.layer } : { path: file.path }],
    licenses: uniq((spec.licenses ?? []).map((l) => l.trim()).filter(Boolean)),
  };
  if (spec.meta && Object.keys(spec.meta).length) pkg.meta = spec.meta;
  return pkg;
}

export function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

export const warning = (what: string, where: string): ScanWarning => ({ what, where });

export function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/** Strips a UTF-8 byte order mark and decodes (lockfiles written on Windows often carry one). */
export function text(buf: Buffer): string {
  const s = buf.toString('utf8');
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

export function parseJSON(buf: Buffer): unknown {
  return JSON.parse(text(buf));
}

type Parse = (file: AnalyzerInput) => Package[] | AnalysisResult | undefined | Promise<Package[] | AnalysisResult | undefined>;

/**
 * Wraps a parser into an Analyzer: a corrupt file gives a warning naming the file and no packages,
 * never an exception out of `analyze` (one bad lockfile must not abort an image scan).
 */
export function langAnalyzer(
  id: string,
  version: number,
  wants: (path: string, info: { size: number; mode: number }) => boolean,
  parse: Parse,
  what = `cannot parse ${id} file`,
  extra: Pick<Analyzer, 'deferrable' | 'needsBody'> = {},
): Analyzer {
  return {
    id,
    version,
    kind: 'lang',
    ...extra,
    wants,
    async analyze(file) {
      try {
        const r = await parse(file);
        if (Array.isArray(r)) return r.length ? { packages: r } : undefined;
        return r;
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        return { warnings: [warning(`${what}: ${msg.split('\n')[0]}`, file.path)] };
      }
    },
  };
}

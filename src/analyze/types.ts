import type { Finding, OSInfo, Package, ScanWarning } from '../core/types.js';

/** How many of a body's first bytes `Analyzer.rejectsHead` is shown (at most). */
export const HEAD_BYTES = 8000;

/** What the layer walk knows about a file before reading it. */
export interface FileInfo {
  /** Path inside the image or directory, relative, without a leading slash: "var/lib/dpkg/status". */
  path: string;
  size: number;
  /** Unix mode bits (permissions + setuid/setgid/sticky). */
  mode: number;
}

/** A file an analyzer asked for, with its body. */
export interface AnalyzerInput extends FileInfo {
  content: Buffer;
  /** diffID of the layer this file came from (undefined for a plain directory scan). */
  layer?: string;
}

/** What an analyzer found in one file. Everything is optional; most files give packages only. */
export interface AnalysisResult {
  os?: OSInfo;
  packages?: Package[];
  /** Secret scanners and image-file checks report findings straight from the walk. */
  findings?: Finding[];
  warnings?: ScanWarning[];
  /** Files an OS package installed, when its DB keeps them apart from the package list (dpkg). */
  ownedFiles?: { package: string; files: string[] }[];
  /** Debian maven-repo POMs (path and coordinates), applied to jars across files after the merge. */
  mavenPoms?: { path: string; groupId: string; artifactId: string; version: string }[];
}

/** What the walk knows of every entry (files, dirs, links), for checks that need no body. */
export interface EntryInfo extends FileInfo {
  type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';
  layer?: string;
  linkname?: string;
}

/**
 * The Trivy "fanal" idea: an analyzer declares from path and size alone which files it needs,
 * so the walk reads only those bodies. `version` is part of the layer-cache key: bump it whenever
 * the output for the same input changes.
 */
export interface Analyzer {
  id: string;
  version: number;
  /**
   * os / os-pkg: release files and OS package DBs; lang: language packages (also source trees);
   * secret: the secret scanner; config: checks on image files (setuid, world-writable, caches).
   * The CLI's --scanners picks which kinds run.
   */
  kind: 'os' | 'os-pkg' | 'lang' | 'secret' | 'config';
  /**
   * Lockfiles and manifests say what a build will install; in an image, the installed files say
   * what is there. Such analyzers run on source trees (`fs`, `repo`) only, as with Trivy, so an
   * image does not list each package twice.
   */
  sourceOnly?: boolean;
  /**
   * Needs a file's bytes and nothing else of its layer (secrets, executables' build info): the
   * walk of an uncompressed layer may leave such a file as a byte range for any worker thread to
   * read and analyse (src/source/deferred-files.ts), instead of gathering it itself.
   */
  deferrable?: boolean;
  /**
   * For a deferred file, read by ranges: false when analyze() would find nothing in it, decided
   * from a few small reads (an executable's section names), so its body is never read.
   */
  needsBody?(file: FileInfo, read: (offset: number, length: number) => Buffer): boolean;
  wants(path: string, info: { size: number; mode: number }): boolean;
  analyze(file: AnalyzerInput): AnalysisResult | undefined | Promise<AnalysisResult | undefined>;
  /**
   * A digest of the options this analyzer was created with (custom secret rules, skip globs…);
   * part of the layer-cache key, so a scan with other options never reads this one's results.
   */
  optionsKey?: string;
  /**
   * Optional: true when the first bytes of a body (up to 8000, fewer only if the body is shorter
   * or the chunk ends) already prove `analyze` would find nothing (a binary, for the secret
   * scanner). When every analyzer wanting a file says so, the walk never gathers its body.
   */
  rejectsHead?(path: string, head: Uint8Array): boolean;
  /** Optional: sees every entry header (no body), e.g. to flag setuid files. */
  observe?(entry: EntryInfo): AnalysisResult | undefined;
}

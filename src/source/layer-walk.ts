import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { HEAD_BYTES, type Analyzer, type AnalysisResult, type EntryInfo } from '../analyze/types.js';
import { bufferLimit, runAnalyzers, tooBigToAnalyze } from './run-analyzers.js';
import { inputError } from '../core/errors.js';
import { decompressor, detectCompression, type Compression } from './decompress.js';
import { readRange } from './read-range.js';
import type { LayerBlob } from './types.js';
import type { ScanWarning } from '../core/types.js';
import { normalizeTarPath } from './tar-header.js';
import { TarEntryReader, TarFramingError, type BodyWant, type TarEntry } from './tar-entries.js';
import { readRangeSync } from './read-range.js';
import { readChunks } from './read-chunks.js';

/** What one analyzer found in one file of one layer. */
export interface FileAnalysis {
  path: string;
  analyzer: string;
  result: AnalysisResult;
}

/** Everything the merge needs to know about one layer, small enough to cache and post between threads. */
export interface LayerResult {
  diffID: string;
  digest?: string;
  compression: Compression;
  /** Paths of every non-directory entry this layer adds or replaces (for whiteouts and file ownership). */
  paths: string[];
  /** Paths deleted by `.wh.NAME` entries. */
  whiteouts: string[];
  /** Directories made opaque by `.wh..wh..opq`: lower layers' contents vanish. */
  opaqueDirs: string[];
  analyses: FileAnalysis[];
  /** Findings and warnings from header-only observers, with their path. */
  observed: FileAnalysis[];
  bytes: number;
  files: number;
  /** About the layer itself (e.g. it ends without end-of-archive blocks). */
  warnings?: ScanWarning[];
}

export const normalizeEntryPath = normalizeTarPath;

/**
 * A file only deferrable analyzers (secrets, executables) want, left for later: its body is a byte
 * range of the archive, so any worker thread can read and scan it (see deferred-files.ts).
 * `at` is where its analyses go in the layer's list, so the result is the same as walked inline.
 */
export interface DeferredFile {
  at: number;
  path: string;
  mode: number;
  size: number;
  /** Offset of the body in the archive file. */
  start: number;
}

/** Where deferred files go, and the file their byte ranges are in. */
export interface DeferSink {
  /** Offset of the layer's tar in `path` (the layer is stored uncompressed). */
  fileStart: number;
  path: string;
  take(file: DeferredFile): void;
}

/** Analyzers whose work can leave the walk: they need a file's bytes and nothing else of the layer. */
export const deferrable = (a: Analyzer) => a.deferrable === true;

const DIGEST = /^sha256:[a-f0-9]{64}$/;

// Small on purpose: layers are read concurrently, and hard links to big files are rare.
const RETAIN_LIMIT = 8 * 1024 * 1024;

// Tar type flags ('0' and NUL are regular files, '7' contiguous files).
const typeOf = (t: string): EntryInfo['type'] =>
  t === '0' || t === '7' ? 'file' : t === '5' ? 'directory' : t === '2' ? 'symlink' : t === '1' ? 'hardlink' : 'other';

/**
 * One streaming pass over one layer: decompress (by magic bytes), hash both the stored and the
 * uncompressed bytes, parse the tar, and hand each analyzer only the files it asked for by path
 * and size. Bodies nobody wants are drained, never buffered. Digests are checked at the end.
 */
export async function walkLayer(
  layer: LayerBlob,
  analyzers: Analyzer[],
  opts: { verify?: boolean; defer?: (file: DeferredFile) => void } = {},
): Promise<LayerResult> {
  const verify = opts.verify ?? true;
  const { path, start = 0, end } = layer.ref;
  const where = `layer ${layer.digest ?? layer.diffID} in ${layer.ref.label ?? path}`;
  // An empty or missing diffID must not turn verification off.
  if (verify && (typeof layer.diffID !== 'string' || !DIGEST.test(layer.diffID))) {
    throw inputError(`config's rootfs.diff_ids has no valid sha256 digest for this layer (${JSON.stringify(layer.diffID ?? null)})`, where);
  }
  const compression = detectCompression(await readRange(path, start));
  // An uncompressed layer is read straight into reused buffers; a compressed one streams through zlib.
  const raw = compression === 'none' ? readChunks(path, start, end) : createReadStream(path, { start, end: end === undefined ? undefined : end - 1, highWaterMark: 1024 * 1024 });
  // Only an uncompressed layer's files are byte ranges of the file on disk.
  const sink = opts.defer && compression === 'none' ? { fileStart: start, path, take: opts.defer } : undefined;
  const { result, diffID, storedDigest } = await walkLayerStream(layer, raw, compression, where, analyzers, sink);
  if (verify) {
    if (layer.digest && storedDigest !== layer.digest) throw inputError(`digest mismatch: blob hashes to ${storedDigest}, manifest says ${layer.digest}`, where);
    if (diffID !== layer.diffID) throw inputError(`diffID mismatch: uncompressed layer hashes to ${diffID}, config says ${layer.diffID}`, where);
  }
  return result;
}

/**
 * The walk itself over any stream of a layer's stored bytes (a file range, or a layer passing by
 * in an engine's `docker save` stream), returning the digests it hashed for the caller to check.
 */
export async function walkLayerStream(
  layer: Pick<LayerBlob, 'diffID' | 'digest' | 'digestVerified'>,
  /** A stream, or chunks read into reused buffers (uncompressed layers only). */
  raw: Readable | AsyncGenerator<Buffer>,
  compression: Compression,
  where: string,
  analyzers: Analyzer[],
  defer?: DeferSink,
): Promise<{ result: LayerResult; diffID: string; storedDigest: string | undefined }> {
  const result: LayerResult = {
    diffID: layer.diffID,
    digest: layer.digest,
    compression,
    paths: [],
    whiteouts: [],
    opaqueDirs: [],
    analyses: [],
    observed: [],
    bytes: 0,
    files: 0,
  };
  // An uncompressed layer's stored bytes are its tar: one hash serves as digest and diffID.
  const storedHash = compression === 'none' || layer.digestVerified ? undefined : createHash('sha256');
  const diffHash = createHash('sha256');
  const observers = analyzers.filter((a) => a.observe);
  // Bodies analysers read, kept a little while (bounded) in case a hard link to them follows.
  // Copied: a body may be a view into a 1 MiB chunk, which must not stay alive for it.
  const retained = new Map<string, Buffer>();
  let retainedBytes = 0;
  const retain = (path: string, body: Buffer) => {
    if (body.length > RETAIN_LIMIT / 4) return;
    retained.set(path, Buffer.from(body));
    retainedBytes += body.length;
    for (const [k, v] of retained) {
      if (retainedBytes <= RETAIN_LIMIT) break;
      retained.delete(k);
      retainedBytes -= v.length;
    }
  };
  // Deferred files by path, for hard links to them later in the layer.
  const deferredAt = new Map<string, { start: number; size: number }>();
  const deferFile = (path: string, mode: number, size: number, start: number) => {
    defer!.take({ at: result.analyses.length, path, mode, size, start });
    deferredAt.set(path, { start, size });
  };
  // Decided from the header alone, so bodies nobody wants are never gathered.
  const plan = new WeakMap<TarEntry, { wanted: Analyzer[]; tooBig?: number; defer?: boolean }>();
  const wantBody = (e: TarEntry): BodyWant => {
    const type = typeOf(e.type);
    if (type !== 'file') return false;
    const p = normalizeEntryPath(e.name);
    const base = p.slice(p.lastIndexOf('/') + 1);
    if (base.startsWith('.wh.')) return false;
    const info: EntryInfo = { path: p, size: e.size, mode: e.mode, type, layer: layer.diffID, linkname: e.linkname || undefined };
    const wanted = analyzers.filter((a) => a.wants(p, info));
    if (wanted.length === 0) return false;
    const limit = bufferLimit(wanted);
    if (e.size > limit) {
      plan.set(e, { wanted, tooBig: limit });
      return false;
    }
    // Sniffed here (binaries are dropped from their first bytes), read later by byte range.
    if (defer && wanted.every(deferrable)) {
      plan.set(e, { wanted, defer: true });
      return 'head';
    }
    plan.set(e, { wanted });
    return true;
  };
  const handle = async (e: TarEntry) => {
    const p = normalizeEntryPath(e.name);
    const base = p.slice(p.lastIndexOf('/') + 1);
    const dir = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '';
    if (base === '.wh..wh..opq') {
      result.opaqueDirs.push(dir);
      return;
    }
    if (base.startsWith('.wh.')) {
      result.whiteouts.push(dir ? `${dir}/${base.slice(4)}` : base.slice(4));
      return;
    }
    const type = typeOf(e.type);
    const info: EntryInfo = { path: p, size: e.size, mode: e.mode, type, layer: layer.diffID, linkname: e.linkname || undefined };
    if (type !== 'directory' && p) result.paths.push(p);
    for (const o of observers) {
      const r = o.observe!(info);
      if (r) result.observed.push({ path: p, analyzer: o.id, result: r });
    }
    if (type === 'hardlink' && info.linkname) {
      // A hard link's body is its target's, written earlier in this layer: analyse the link
      // under its own path when the target's body is still at hand.
      const targetPath = normalizeEntryPath(info.linkname);
      // The target was left as a byte range (deferred), or its body was kept a while (retained).
      const range = deferredAt.get(targetPath);
      const target = range ? undefined : retained.get(targetPath);
      const size = range?.size ?? target?.length;
      if (size === undefined) return;
      const linkInfo = { ...info, size, type: 'file' as const };
      const linkWanted = analyzers.filter((x) => x.wants(p, linkInfo));
      if (range && linkWanted.length > 0 && linkWanted.every(deferrable)) return deferFile(p, info.mode, size, range.start);
      // Rare for a deferred target: another analyzer wants the link's path; its bytes are read now.
      const content = target ?? (linkWanted.length > 0 ? readRangeSync(defer!.path, range!.start, size) : undefined);
      if (content) await runAnalyzers(linkWanted, { path: p, size, mode: info.mode, content, layer: layer.diffID }, result.analyses);
      return;
    }
    if (type !== 'file') return;
    result.files++;
    const decided = plan.get(e);
    if (!decided) return;
    if (decided.tooBig !== undefined) {
      result.analyses.push(tooBigToAnalyze(p, info.size, decided.tooBig));
      return;
    }
    if (e.rejected) return;
    if (decided.defer) return deferFile(p, info.mode, info.size, defer!.fileStart + e.dataOffset);
    const content = e.body ?? Buffer.alloc(0);
    retain(p, content);
    await runAnalyzers(decided.wanted, { path: p, size: info.size, mode: info.mode, content, layer: layer.diffID }, result.analyses);
  };
  // A binary only the secret scanner wanted is dropped from its first bytes, never gathered.
  const rejectsHead = (e: TarEntry, head: Buffer): boolean => {
    const wanted = plan.get(e)?.wanted;
    if (!wanted) return false;
    const p = normalizeEntryPath(e.name);
    const sniff = head.subarray(0, HEAD_BYTES);
    return wanted.every((a) => a.rejectsHead?.(p, sniff) === true);
  };
  const reusesChunks = !(raw instanceof Readable);
  if (reusesChunks && compression !== 'none') throw new Error('reused chunks are for uncompressed layers');
  const reader = new TarEntryReader(wantBody, rejectsHead, reusesChunks);
  try {
    let source: AsyncIterable<unknown> = raw;
    if (raw instanceof Readable) {
      if (storedHash) raw.on('data', (c) => storedHash.update(c as Buffer));
      if (compression !== 'none') {
        const dec = decompressor(compression);
        raw.on('error', (e) => dec.destroy(e));
        source = raw.pipe(dec);
      }
    }
    for await (const chunk of source) {
      const c = chunk as Buffer;
      diffHash.update(c);
      result.bytes += c.length;
      reader.push(c);
      for (const e of reader.take()) await handle(e);
    }
    reader.finish();
    for (const e of reader.take()) await handle(e);
  } catch (e) {
    const msg = (e as Error).message;
    if (e instanceof TarFramingError) throw inputError(`truncated or corrupt layer (${msg})`, where, e);
    if (/unexpected end|premature close|truncated/i.test(msg)) throw inputError(`truncated or corrupt layer (${msg})`, where, e);
    throw inputError(`cannot read layer (${msg})`, where, e);
  }
  // Docker and Podman run such layers (Go's archive/tar stops at the short end): so do we, once told.
  // No `where`: results are cached by diffID, and the path may differ on the next scan.
  if (reader.unterminated) result.warnings = [{ what: `layer ${layer.digest ?? layer.diffID} ends without tar end-of-archive blocks; read up to its last complete entry` }];
  const diffID = 'sha256:' + diffHash.digest('hex');
  const storedDigest = storedHash ? 'sha256:' + storedHash.digest('hex') : layer.digestVerified ? layer.digest : diffID;
  return { result, diffID, storedDigest };
}

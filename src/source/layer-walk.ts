import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { Analyzer, AnalysisResult, EntryInfo } from '../analyze/types.js';
import { bufferLimit, runAnalyzers, tooBigToAnalyze } from './run-analyzers.js';
import { inputError } from '../core/errors.js';
import { decompressor, detectCompression, type Compression } from './decompress.js';
import { readRange } from './read-range.js';
import type { LayerBlob } from './types.js';
import type { ScanWarning } from '../core/types.js';
import { normalizeTarPath } from './tar-header.js';
import { TarFraming, TarFramingError } from './tar-framing.js';

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

const DIGEST = /^sha256:[a-f0-9]{64}$/;

// Small on purpose: layers are read concurrently, and hard links to big files are rare.
const RETAIN_LIMIT = 8 * 1024 * 1024;

const typeOf = (t: string | null | undefined): EntryInfo['type'] =>
  t === 'file' || t === 'contiguous-file' ? 'file' : t === 'directory' ? 'directory' : t === 'symlink' ? 'symlink' : t === 'link' ? 'hardlink' : 'other';

/**
 * One streaming pass over one layer: decompress (by magic bytes), hash both the stored and the
 * uncompressed bytes, parse the tar, and hand each analyzer only the files it asked for by path
 * and size. Bodies nobody wants are drained, never buffered. Digests are checked at the end.
 */
export async function walkLayer(layer: LayerBlob, analyzers: Analyzer[], opts: { verify?: boolean } = {}): Promise<LayerResult> {
  const verify = opts.verify ?? true;
  const { path, start = 0, end } = layer.ref;
  const where = `layer ${layer.digest ?? layer.diffID} in ${path}`;
  // An empty or missing diffID must not turn verification off.
  if (verify && (typeof layer.diffID !== 'string' || !DIGEST.test(layer.diffID))) {
    throw inputError(`config's rootfs.diff_ids has no valid sha256 digest for this layer (${JSON.stringify(layer.diffID ?? null)})`, where);
  }
  const compression = detectCompression(await readRange(path, start));
  const raw = createReadStream(path, { start, end: end === undefined ? undefined : end - 1, highWaterMark: 1024 * 1024 });
  const { result, diffID, storedDigest } = await walkLayerStream(layer, raw, compression, where, analyzers);
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
  raw: Readable,
  compression: Compression,
  where: string,
  analyzers: Analyzer[],
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
  if (storedHash) raw.on('data', (c) => storedHash.update(c as Buffer));
  const dec = decompressor(compression);
  dec.on('data', (c: Buffer) => {
    diffHash.update(c);
    result.bytes += c.length;
  });
  // Old (v7/pre-POSIX) headers still appear in real layers; accept them.
  const framing = new TarFraming();
  const extract = tar.extract({ allowUnknownFormat: true } as Parameters<typeof tar.extract>[0]);
  // Bodies analysers read, kept a little while (bounded) in case a hard link to them follows.
  const retained = new Map<string, Buffer>();
  let retainedBytes = 0;
  const retain = (path: string, body: Buffer) => {
    if (body.length > RETAIN_LIMIT / 4) return;
    retained.set(path, body);
    retainedBytes += body.length;
    for (const [k, v] of retained) {
      if (retainedBytes <= RETAIN_LIMIT) break;
      retained.delete(k);
      retainedBytes -= v.length;
    }
  };
  const consume = (async () => {
    for await (const entry of extract) {
      const h = entry.header;
      const p = normalizeEntryPath(h.name);
      const base = p.slice(p.lastIndexOf('/') + 1);
      const dir = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '';
      if (base === '.wh..wh..opq') {
        result.opaqueDirs.push(dir);
        entry.resume();
        continue;
      }
      if (base.startsWith('.wh.')) {
        result.whiteouts.push(dir ? `${dir}/${base.slice(4)}` : base.slice(4));
        entry.resume();
        continue;
      }
      const type = typeOf(h.type);
      const info: EntryInfo = { path: p, size: h.size ?? 0, mode: h.mode ?? 0, type, layer: layer.diffID, linkname: h.linkname ?? undefined };
      if (type !== 'directory' && p) result.paths.push(p);
      for (const o of observers) {
        const r = o.observe!(info);
        if (r) result.observed.push({ path: p, analyzer: o.id, result: r });
      }
      if (type === 'hardlink' && info.linkname) {
        // A hard link's body is its target's, written earlier in this layer: analyse the link
        // under its own path when the target's body is still at hand.
        entry.resume();
        const target = retained.get(normalizeEntryPath(info.linkname));
        if (!target) continue;
        const linkInfo = { ...info, size: target.length, type: 'file' as const };
        const linkWanted = analyzers.filter((x) => x.wants(p, linkInfo));
        await runAnalyzers(linkWanted, { path: p, size: target.length, mode: info.mode, content: target, layer: layer.diffID }, result.analyses);
        continue;
      }
      if (type !== 'file') {
        entry.resume();
        continue;
      }
      result.files++;
      const wanted = analyzers.filter((a) => a.wants(p, info));
      if (wanted.length === 0) {
        entry.resume();
        continue;
      }
      const limit = bufferLimit(wanted);
      if (info.size > limit) {
        result.analyses.push(tooBigToAnalyze(p, info.size, limit));
        entry.resume();
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      const content = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      retain(p, content);
      await runAnalyzers(wanted, { path: p, size: info.size, mode: info.mode, content, layer: layer.diffID }, result.analyses);
    }
  })();
  try {
    await Promise.all([pipeline(raw, dec, framing, extract), consume]);
  } catch (e) {
    const msg = (e as Error).message;
    if (e instanceof TarFramingError) throw inputError(`truncated or corrupt layer (${msg})`, where, e);
    if (/unexpected end|premature close|truncated/i.test(msg)) throw inputError(`truncated or corrupt layer (${msg})`, where, e);
    throw inputError(`cannot read layer (${msg})`, where, e);
  }
  // Docker and Podman run such layers (Go's archive/tar stops at the short end): so do we, once told.
  // No `where`: results are cached by diffID, and the path may differ on the next scan.
  if (framing.unterminated) result.warnings = [{ what: `layer ${layer.digest ?? layer.diffID} ends without tar end-of-archive blocks; read up to its last complete entry` }];
  const diffID = 'sha256:' + diffHash.digest('hex');
  const storedDigest = storedHash ? 'sha256:' + storedHash.digest('hex') : layer.digestVerified ? layer.digest : diffID;
  return { result, diffID, storedDigest };
}

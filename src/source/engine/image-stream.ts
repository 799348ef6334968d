/**
 * An image from a container engine, scanned as it streams out of `GET /images/{name}/get` (a
 * `docker save` tar): no copy of the image ever lands on disk. The docker-archive reader for
 * files wants random access (layers are read in parallel by byte range, manifest.json first);
 * a stream has neither, and the engine writes manifest.json last. So each member is classified
 * as it passes: layers (tar or compressed bytes) are walked and hashed right away under a
 * placeholder layer id, small JSON members (manifest.json, the config) are kept; at the end the
 * manifest says which walked member is which layer, the hashes are checked against the config's
 * diff_ids, and the placeholders are replaced by the real diffIDs.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { Analyzer } from '../../analyze/types.js';
import { CoastguardError, ExitCode, inputError } from '../../core/errors.js';
import { detectCompression } from '../decompress.js';
import { walkLayerStream, type LayerResult } from '../layer-walk.js';
import { dockerManifestJsonSchema, parseImageConfig, parseImageJson } from '../image-json.js';
import { matchesReference } from '../reference-match.js';
import { normalizeMemberName } from '../tar-index.js';
import type { LayerBlob, ResolvedImage } from '../types.js';
import { EngineNotFound, type EngineClient, type ImageInspect } from './client.js';

/** Members up to this size that do not look like a layer are kept in memory (manifest, config, index). */
const SMALL_MEMBER = 8 * 1024 * 1024;

interface Walked {
  result: LayerResult;
  diffID: string;
  size: number;
  token: string;
}

/** Reads up to `n` bytes from the front of an async iterator, returning them and what is left. */
async function peek(it: AsyncIterator<Buffer>, n: number): Promise<{ head: Buffer; done: boolean }> {
  const parts: Buffer[] = [];
  let got = 0;
  while (got < n) {
    const r = await it.next();
    if (r.done) return { head: Buffer.concat(parts), done: true };
    parts.push(r.value);
    got += r.value.length;
  }
  return { head: Buffer.concat(parts), done: false };
}

const looksLikeLayer = (head: Buffer) => detectCompression(head) !== 'none' || head.toString('latin1', 257, 262) === 'ustar';

export interface EngineImage {
  img: ResolvedImage;
  layers: LayerResult[];
  inspect: ImageInspect;
}

/** Looks the image up in the engine, then streams it through the layer walk. */
export async function streamEngineImage(
  client: EngineClient,
  name: string,
  analyzers: Analyzer[],
  opts: { onProgress?: (msg: string) => void } = {},
): Promise<EngineImage> {
  const where = `${name} (${client.endpoint.kind} ${client.where})`;
  let inspect: ImageInspect;
  try {
    inspect = await client.inspectImage(name);
  } catch (e) {
    if (e instanceof EngineNotFound) throw new EngineNotFound(`image not found in the ${client.endpoint.kind} engine`, where);
    throw e;
  }
  const res = await client.saveImage(name);
  const walked = new Map<string, Walked>();
  const small = new Map<string, Buffer>();
  const extract = tar.extract();
  let n = 0;
  const consume = (async () => {
    for await (const entry of extract) {
      const h = entry.header;
      if (h.type !== 'file' && h.type !== 'contiguous-file') {
        entry.resume();
        continue;
      }
      const member = normalizeMemberName(h.name);
      const it = entry[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      const { head, done } = await peek(it, 512);
      if (done || (!looksLikeLayer(head) && (h.size ?? 0) <= SMALL_MEMBER)) {
        const rest: Buffer[] = [head];
        for (let r = await it.next(); !r.done; r = await it.next()) rest.push(r.value);
        small.set(member, Buffer.concat(rest));
        continue;
      }
      const token = `sha256:pending-stream-layer-${n++}`;
      const body = Readable.from((async function* () {
        yield head;
        for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
      })());
      const w = await walkLayerStream({ diffID: token }, body, detectCompression(head), `layer ${member} of ${where}`, analyzers);
      walked.set(member, { result: w.result, diffID: w.diffID, size: h.size ?? 0, token });
      opts.onProgress?.(`layer ${walked.size} streamed`);
    }
  })();
  let cut = false;
  res.once('aborted', () => (cut = true));
  res.once('error', () => (cut = true));
  try {
    await Promise.all([pipeline(res, extract), consume]);
  } catch (e) {
    const msg = e instanceof CoastguardError ? e.what : (e as Error).message;
    // The engine hung up before the end (engine restarted, socket cut): not a corrupt image.
    if (cut || /ECONNRESET/.test(msg)) {
      throw new CoastguardError(`image stream from the ${client.endpoint.kind} engine was cut (${msg})`, where, ExitCode.NETWORK, { cause: e });
    }
    if (e instanceof CoastguardError) throw e;
    throw inputError(`cannot read the image stream (${msg})`, where, e);
  }
  const a = await assemble(name, inspect, walked, small, analyzers, where);
  return { img: a.img, layers: a.layers, inspect };
}

async function assemble(
  name: string,
  inspect: ImageInspect,
  walked: Map<string, Walked>,
  small: Map<string, Buffer>,
  analyzers: Analyzer[],
  where: string,
): Promise<{ img: ResolvedImage; layers: LayerResult[] }> {
  const manifest = small.get('manifest.json');
  if (!manifest) throw inputError('image stream has no manifest.json (not a docker-archive)', where);
  const entries = parseImageJson(manifest, dockerManifestJsonSchema, 'manifest.json', where);
  const entry = entries.length === 1 ? entries[0] : entries.find((e) => (e.RepoTags ?? []).some((t) => matchesReference(t, name))) ?? entries[0];
  const configBuf = small.get(normalizeMemberName(entry.Config));
  if (!configBuf) throw inputError(`image stream lacks its config ${entry.Config}`, where);
  const configDigest = 'sha256:' + createHash('sha256').update(configBuf).digest('hex');
  if (/^sha256:[a-f0-9]{64}$/.test(inspect.Id) && inspect.Id !== configDigest) {
    throw inputError(`digest mismatch: config hashes to ${configDigest}, the engine says ${inspect.Id}`, where);
  }
  const config = parseImageConfig(configBuf, `config ${entry.Config}`, where);
  const diffIDs = config.rootfs?.diff_ids ?? [];
  if (diffIDs.length !== entry.Layers.length) throw inputError(`manifest.json lists ${entry.Layers.length} layers but the config has ${diffIDs.length} diff_ids`, where);
  const results: LayerResult[] = [];
  const layers: LayerBlob[] = [];
  for (const [i, layerName] of entry.Layers.entries()) {
    const member = normalizeMemberName(layerName);
    let w = walked.get(member);
    const kept = small.get(member);
    if (!w && kept) {
      // A small member not recognised as a layer on the way (an empty layer, an old v7 tar): walk it now.
      const token = `sha256:pending-kept-layer-${i}`;
      const r = await walkLayerStream({ diffID: token }, Readable.from([kept]), detectCompression(kept), `layer ${member} of ${where}`, analyzers);
      w = { result: r.result, diffID: r.diffID, size: kept.length, token };
      walked.set(member, w);
    }
    if (!w) throw inputError(`image stream lacks layer ${layerName}`, where);
    if (w.diffID !== diffIDs[i]) throw inputError(`diffID mismatch: layer ${layerName} hashes to ${w.diffID}, config says ${diffIDs[i]}`, where);
    results.push(renameLayer(w.result, w.token, w.diffID));
    const blob = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(member);
    layers.push({ diffID: w.diffID, digest: blob ? `sha256:${blob[1]}` : undefined, size: w.size, ref: { path: where } });
  }
  const repoTags = inspect.RepoTags ?? entry.RepoTags ?? [];
  return {
    img: { name, repoTags, repoDigests: inspect.RepoDigests ?? [], configDigest, config, layers },
    layers: results,
  };
}

/** The walk ran before the layer's diffID was known: put the real one wherever the placeholder went. */
function renameLayer(r: LayerResult, token: string, diffID: string): LayerResult {
  return JSON.parse(JSON.stringify(r).split(token).join(diffID)) as LayerResult;
}

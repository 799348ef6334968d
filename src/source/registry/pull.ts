import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { CoastguardError, ExitCode } from '../../core/errors.js';
import { parseImageConfig, parseManifestOrIndex } from '../image-json.js';
import { regularFile, Limits, overLimit } from '../limits.js';
import { isIndex, layersFromManifest, selectManifest, type ImageManifest } from '../manifest.js';
import type { Platform } from '../platform.js';
import type { ResolvedImage } from '../types.js';
import { BlobCache } from './blob-cache.js';
import { RegistryClient } from './client.js';
import { findCredentials, type Credentials } from './credentials.js';
import { formatReference, parseReference } from './reference.js';

export interface PullOptions {
  platform: Platform;
  cacheDir: string;
  insecure?: boolean;
  credentials?: Credentials;
  progress?: (msg: string) => void;
  /** Parallel blob downloads. */
  concurrency?: number;
}

const sha256 = (b: Buffer) => 'sha256:' + createHash('sha256').update(b).digest('hex');

/** Resolves a reference to its manifest (and index) with every byte checked against its digest. */
export async function resolveRemote(refStr: string, opts: Pick<PullOptions, 'platform' | 'insecure' | 'credentials'>) {
  const ref = parseReference(refStr);
  const client = new RegistryClient(ref, { insecure: opts.insecure, credentials: findCredentials(ref.registry, opts.credentials) });
  const where = formatReference(ref);
  const top = await client.getManifest(ref.digest ?? ref.tag!);
  const topDigest = sha256(top.body);
  if (ref.digest && topDigest !== ref.digest) throw new CoastguardError(`digest mismatch: manifest hashes to ${topDigest}`, where, ExitCode.INPUT);
  if (top.digest && top.digest !== topDigest) throw new CoastguardError(`digest mismatch: manifest hashes to ${topDigest}, registry says ${top.digest}`, where, ExitCode.INPUT);
  let doc = parseManifestOrIndex(top.body, 'manifest', where);
  let manifestDigest = topDigest;
  let depth = 0;
  while (isIndex(doc)) {
    if (++depth > 4) throw new CoastguardError('image index nested too deeply', where, ExitCode.INPUT);
    const desc = selectManifest(doc, opts.platform, where);
    const m = await client.getManifest(desc.digest);
    const d = sha256(m.body);
    if (d !== desc.digest) throw new CoastguardError(`digest mismatch: manifest hashes to ${d}, index says ${desc.digest}`, where, ExitCode.INPUT);
    doc = parseManifestOrIndex(m.body, `manifest ${desc.digest}`, where);
    manifestDigest = d;
  }
  return { ref, client, where, topDigest, manifestDigest, manifest: doc as ImageManifest };
}

/**
 * `coastguard image REF`: pulls manifest, config and layers into the shared blob cache (layers
 * already there are not downloaded again), then hands the cached files to the same layer walk
 * as a tar or OCI layout.
 */
export async function pullImage(refStr: string, opts: PullOptions): Promise<ResolvedImage> {
  const { ref, client, where, topDigest, manifestDigest, manifest } = await resolveRemote(refStr, opts);
  const cache = new BlobCache(opts.cacheDir);
  const cfgLimit = Math.min(manifest.config.size ?? Infinity, Limits.imageJsonBytes);
  if ((manifest.config.size ?? 0) > Limits.imageJsonBytes) throw overLimit(`config ${manifest.config.digest}`, manifest.config.size!, Limits.imageJsonBytes, where);
  const cfgPath = (await cache.fetch(client, manifest.config.digest, undefined, cfgLimit)).path;
  const cfgSize = regularFile(cfgPath, `config ${manifest.config.digest}`).size;
  if (cfgSize > Limits.imageJsonBytes) throw overLimit(`config ${manifest.config.digest}`, cfgSize, Limits.imageJsonBytes, where);
  const config = parseImageConfig(readFileSync(cfgPath), `config ${manifest.config.digest}`, where);
  const total = manifest.layers.reduce((n, l) => n + (l.size ?? 0), 0);
  let got = 0;
  const queue = [...manifest.layers];
  const workers = Array.from({ length: Math.min(opts.concurrency ?? 3, queue.length) }, async () => {
    for (let l = queue.shift(); l; l = queue.shift()) {
      await cache.fetch(client, l.digest, (n) => {
        got += n;
        opts.progress?.(`downloading ${(got / 1048576).toFixed(1)}/${(total / 1048576).toFixed(1)} MiB`);
      }, l.size);
    }
  });
  await Promise.all(workers);
  cache.prune();
  // Every blob was hashed against its digest on the way into the cache: the walk checks diffIDs only.
  const layers = layersFromManifest(manifest, config, (d) => {
    const path = cache.path(d);
    return { path, start: 0, end: statSync(path).size };
  }, where).map((l) => ({ ...l, digestVerified: true }));
  const repo = `${ref.registry}/${ref.repository}`;
  return {
    name: refStr,
    repoTags: ref.tag ? [`${repo}:${ref.tag}`] : [],
    repoDigests: [`${repo}@${topDigest}`],
    manifestDigest,
    configDigest: manifest.config.digest,
    config,
    annotations: manifest.annotations,
    layers,
  };
}

import { createHash } from 'node:crypto';
import { inputError } from '../core/errors.js';
import type { BlobStore } from './blob-store.js';
import { dockerManifestJsonSchema, parseImageConfig, parseImageJson } from './image-json.js';
import { matchesReference } from './reference-match.js';
import type { LayerBlob, ResolvedImage } from './types.js';

const HEX64 = /([a-f0-9]{64})/;

/** `docker save` output: manifest.json lists images; each names its config and layer tars. */
export async function resolveDockerArchive(store: BlobStore, opts: { image?: string }): Promise<ResolvedImage> {
  const entries = parseImageJson(await store.read('manifest.json'), dockerManifestJsonSchema, 'manifest.json', store.where);
  let entry: (typeof entries)[number] | undefined;
  if (opts.image) {
    entry = entries.find((e) => (e.RepoTags ?? []).some((t) => matchesReference(t, opts.image!)));
    if (!entry) {
      const tags = entries.flatMap((e) => e.RepoTags ?? []);
      throw inputError(`image "${opts.image}" not in archive (it has: ${tags.join(', ') || 'untagged images only'})`, store.where);
    }
  } else if (entries.length > 1) {
    const tags = entries.map((e) => (e.RepoTags ?? []).join(' ') || e.Config);
    throw inputError(`archive holds ${entries.length} images; pick one with --image (${tags.join(', ')})`, store.where);
  } else {
    entry = entries[0];
  }
  const configBuf = await store.read(entry.Config);
  const configDigest = 'sha256:' + createHash('sha256').update(configBuf).digest('hex');
  const named = HEX64.exec(entry.Config);
  if (named && `sha256:${named[1]}` !== configDigest) {
    throw inputError(`digest mismatch for config ${entry.Config}: content hashes to ${configDigest}`, store.where);
  }
  const config = parseImageConfig(configBuf, `config ${entry.Config}`, store.where);
  const diffIDs = config.rootfs!.diff_ids;
  if (diffIDs.length !== entry.Layers.length) {
    throw inputError(`manifest.json lists ${entry.Layers.length} layers but the config has ${diffIDs.length} diff_ids`, store.where);
  }
  const layers: LayerBlob[] = entry.Layers.map((name, i) => {
    // Newer `docker save` stores layers as OCI blobs (blobs/sha256/<digest of the stored bytes>);
    // older ones as <id>/layer.tar whose name is not a content digest.
    const blobName = /^blobs\/sha256\/[a-f0-9]{64}$/.test(name);
    return {
      digest: blobName ? `sha256:${HEX64.exec(name)![1]}` : undefined,
      diffID: diffIDs[i],
      ref: store.ref(name),
      size: undefined,
    };
  });
  const repoTags = entry.RepoTags ?? [];
  return {
    name: opts.image ?? repoTags[0] ?? store.where,
    repoTags,
    repoDigests: [],
    configDigest,
    config,
    layers,
  };
}

import { inputError } from '../core/errors.js';
import type { LayerBlob, RawImageConfig, BlobRef } from './types.js';
import { formatPlatform, platformMatches, type Platform } from './platform.js';

export const MediaTypes = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: Partial<Platform> & { 'os.version'?: string };
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion?: number;
  mediaType?: string;
  manifests: Descriptor[];
}

export interface ImageManifest {
  schemaVersion?: number;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export const isIndex = (doc: { mediaType?: string; manifests?: unknown }): doc is ImageIndex =>
  doc.mediaType === MediaTypes.ociIndex || doc.mediaType === MediaTypes.dockerList || (doc.mediaType === undefined && Array.isArray(doc.manifests));

/**
 * Picks the manifest for a platform from an index. Attestation manifests (platform unknown/unknown,
 * buildkit's `vnd.docker.reference.type`) are never candidates. A single-entry index without a
 * platform is taken as is. Absent platform → an error that lists what the index has.
 */
export function selectManifest(index: ImageIndex, want: Platform, where: string): Descriptor {
  const candidates = index.manifests.filter(
    (m) => !m.annotations?.['vnd.docker.reference.type'] && m.platform?.os !== 'unknown',
  );
  if (candidates.length === 1 && !candidates[0].platform) return candidates[0];
  const hit = candidates.find((m) => platformMatches(want, m.platform as Platform));
  if (hit) return hit;
  const have = candidates.map((m) => formatPlatform(m.platform)).join(', ');
  throw inputError(`platform ${formatPlatform(want)} not in image index (available: ${have || 'none'})`, where);
}

/** Builds the layer list from a manifest + config, checking they agree. */
export function layersFromManifest(
  manifest: ImageManifest,
  config: RawImageConfig,
  refOf: (digest: string) => BlobRef,
  where: string,
): LayerBlob[] {
  const diffIDs = config.rootfs?.diff_ids ?? [];
  if (!Array.isArray(manifest.layers)) throw inputError('manifest has no layers list', where);
  if (diffIDs.length !== manifest.layers.length) {
    throw inputError(`manifest lists ${manifest.layers.length} layers but config has ${diffIDs.length} diff_ids`, where);
  }
  return manifest.layers.map((l, i) => ({
    digest: l.digest,
    diffID: diffIDs[i],
    mediaType: l.mediaType,
    size: l.size,
    ref: refOf(l.digest),
  }));
}

export function digestHex(digest: string, where: string): string {
  const m = /^sha256:([a-f0-9]{64})$/.exec(digest);
  if (!m) throw inputError(`unsupported or malformed digest "${digest}"`, where);
  return m[1];
}

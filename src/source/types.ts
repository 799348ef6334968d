import type { ImageConfig } from '../core/types.js';

/**
 * Where a blob's bytes are. Serializable, so a worker thread can open it itself:
 * a whole file (OCI layout blob, cached registry blob) or a byte range inside a tar.
 */
export interface BlobRef {
  path: string;
  /** Byte range inside `path` (inclusive start, exclusive end); whole file when absent. */
  start?: number;
  end?: number;
  /** The file the user named, when `path` is a temp copy of it (a decompressed archive): errors name this. */
  label?: string;
}

export interface LayerBlob {
  /** Digest of the blob as stored (compressed), from the manifest; absent for docker-archive legacy layers. */
  digest?: string;
  /** Digest of the uncompressed tar, from the config's rootfs.diff_ids. Verified during the walk. */
  diffID: string;
  mediaType?: string;
  size?: number;
  ref: BlobRef;
  /** The stored bytes were already checked against `digest` (a registry download): skip that hash. */
  digestVerified?: boolean;
}

/** The raw OCI/Docker image config JSON. */
export interface RawImageConfig {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  config?: ImageConfig;
  rootfs?: { type: string; diff_ids: string[] };
  history?: { created?: string; created_by?: string; empty_layer?: boolean; comment?: string }[];
}

/** An image resolved to its config and layers, whatever it came from (tar, OCI dir, registry). */
export interface ResolvedImage {
  name: string;
  repoTags: string[];
  repoDigests: string[];
  manifestDigest?: string;
  configDigest: string;
  config: RawImageConfig;
  /** Manifest annotations (OCI), e.g. org.opencontainers.image.base.name / .base.digest. */
  annotations?: Record<string, string>;
  layers: LayerBlob[];
}

import type { ImageFacts } from '../core/types.js';
import type { ResolvedImage } from '../source/types.js';

/** The image facts reports and policies read, from the resolved config and manifest. */
export function imageFacts(img: ResolvedImage): ImageFacts {
  const c = img.config;
  const nonEmpty = (c.history ?? []).filter((h) => !h.empty_layer);
  return {
    repoTags: img.repoTags,
    repoDigests: img.repoDigests,
    configDigest: img.configDigest,
    manifestDigest: img.manifestDigest,
    platform: c.os && c.architecture ? { os: c.os, architecture: c.architecture, variant: c.variant } : undefined,
    created: c.created,
    config: c.config,
    layers: img.layers.map((l, i) => ({
      digest: l.digest,
      diffID: l.diffID,
      size: l.ref.end !== undefined ? l.ref.end - (l.ref.start ?? 0) : l.size,
      createdBy: nonEmpty.length === img.layers.length ? nonEmpty[i].created_by : undefined,
    })),
    history: c.history,
  };
}

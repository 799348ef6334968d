import { fingerprint } from '../core/fingerprint.js';
import type { Finding } from '../core/types.js';
import { resolveRemote } from '../source/registry/pull.js';
import type { Platform } from '../source/platform.js';
import type { ResolvedImage } from '../source/types.js';
import type { Credentials } from '../source/registry/credentials.js';

export const BASE_NAME = 'org.opencontainers.image.base.name';
export const BASE_DIGEST = 'org.opencontainers.image.base.digest';

/** Base-image facts as the OCI annotations (or the same keys as config labels) record them. */
export function baseImageOf(img: ResolvedImage): { name?: string; digest?: string } {
  const labels = img.config.config?.Labels ?? {};
  return { name: img.annotations?.[BASE_NAME] ?? labels[BASE_NAME], digest: img.annotations?.[BASE_DIGEST] ?? labels[BASE_DIGEST] };
}

/**
 * `--check-base`: asks the registry where the base image's tag points now. A different digest
 * than the one the image was built from means the base was rebuilt (usually for security
 * fixes) and this image should be too. Images that do not record their base get a warning.
 */
export async function checkBase(
  img: ResolvedImage,
  opts: { platform: Platform; insecure?: boolean; credentials?: Credentials },
): Promise<{ findings: Finding[]; warnings: { what: string; where?: string }[] }> {
  const { name, digest } = baseImageOf(img);
  if (!name || !digest) {
    return { findings: [], warnings: [{ what: `image does not record its base (${BASE_NAME} / ${BASE_DIGEST}); cannot tell if a rebuild is needed`, where: img.name }] };
  }
  let now: { topDigest: string; manifestDigest: string };
  try {
    now = await resolveRemote(name, opts);
  } catch (e) {
    return { findings: [], warnings: [{ what: `cannot check base image: ${(e as Error).message}`, where: name }] };
  }
  if (now.topDigest === digest || now.manifestDigest === digest) return { findings: [], warnings: [] };
  return {
    findings: [{
      kind: 'policy',
      id: 'CG-BASE-005',
      aliases: [],
      severity: 'MEDIUM',
      title: 'Base image has a newer build: rebuild needed',
      description: `This image was built from ${name}@${digest}; ${name} now points to ${now.topDigest}.`,
      fix: `Rebuild the image so it picks up ${name}@${now.topDigest}, and pin the base by digest (coastguard pin).`,
      target: img.name,
      location: { path: 'image config' },
      fingerprint: fingerprint('policy', 'CG-BASE-005', img.name, digest, now.topDigest),
      baseImage: { name, builtFrom: digest, current: now.topDigest },
    }],
    warnings: [],
  };
}

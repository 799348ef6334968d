import { inputError } from '../core/errors.js';
import { blobPath, readVerified, type BlobStore } from './blob-store.js';
import { indexSchema, parseImageConfig, parseImageJson, parseManifestOrIndex } from './image-json.js';
import { isIndex, layersFromManifest, selectManifest, type Descriptor, type ImageManifest } from './manifest.js';
import type { Platform } from './platform.js';
import { matchesReference } from './reference-match.js';
import type { ResolvedImage } from './types.js';

const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';

/** OCI image layout, as a directory or as a tar of one: index.json → (index →) manifest → config + layers. */
export async function resolveOciLayout(store: BlobStore, opts: { image?: string; platform: Platform }): Promise<ResolvedImage> {
  const top = parseImageJson(await store.read('index.json'), indexSchema, 'index.json', store.where);
  if (top.manifests.length === 0) throw inputError('index.json lists no manifests', store.where);
  let candidates = top.manifests;
  if (opts.image) {
    const want = opts.image;
    candidates = top.manifests.filter((m) => {
      const names = [m.annotations?.[CONTAINERD_NAME], m.annotations?.[REF_NAME]].filter(Boolean) as string[];
      return names.some((n) => n === want || matchesReference(n, want) || (!n.includes(':') && !n.includes('/') && want.endsWith(':' + n)));
    });
    if (candidates.length === 0) {
      const names = top.manifests.map((m) => m.annotations?.[CONTAINERD_NAME] ?? m.annotations?.[REF_NAME]).filter(Boolean);
      throw inputError(`image "${want}" not in OCI layout (it has: ${names.join(', ') || 'unnamed manifests only'})`, store.where);
    }
  }
  // Several named images and no choice: ask, as docker-archive does.
  const distinctNames = new Set(candidates.map((m) => m.annotations?.[REF_NAME] ?? m.annotations?.[CONTAINERD_NAME] ?? m.digest));
  if (!opts.image && distinctNames.size > 1 && !candidates.every((m) => m.platform)) {
    throw inputError(`OCI layout holds ${distinctNames.size} images; pick one with --image (${[...distinctNames].join(', ')})`, store.where);
  }
  let desc: Descriptor = candidates.length === 1 ? candidates[0] : selectManifest({ manifests: candidates }, opts.platform, store.where);
  let manifestBuf = await readVerified(store, desc.digest);
  let doc = parseManifestOrIndex(manifestBuf, `manifest ${desc.digest}`, store.where);
  const seen = new Set<string>();
  while (isIndex(doc)) {
    if (seen.has(desc.digest)) throw inputError('image index refers to itself', store.where);
    seen.add(desc.digest);
    desc = selectManifest(doc, opts.platform, `${store.where} (${desc.digest})`);
    manifestBuf = await readVerified(store, desc.digest);
    doc = parseManifestOrIndex(manifestBuf, `manifest ${desc.digest}`, store.where);
  }
  const manifest = doc as ImageManifest;
  const config = parseImageConfig(await readVerified(store, manifest.config.digest), `config ${manifest.config.digest}`, store.where);
  const layers = layersFromManifest(manifest, config, (d) => store.ref(blobPath(d, store.where)), store.where);
  const name = opts.image ?? top.manifests[0].annotations?.[CONTAINERD_NAME] ?? top.manifests[0].annotations?.[REF_NAME] ?? store.where;
  return {
    name,
    repoTags: name === store.where ? [] : [name],
    repoDigests: [],
    manifestDigest: desc.digest,
    configDigest: manifest.config.digest,
    config,
    annotations: manifest.annotations,
    layers,
  };
}

import { sign, type KeyObject } from 'node:crypto';
import { RegistryClient } from '../../src/source/registry/client.js';
import { pushBlob, pushManifest } from '../../src/source/registry/push.js';
import { COSIGN_SIGNATURE_ANNOTATION, COSIGN_SIMPLESIGNING, signatureTag } from '../../src/source/registry/cosign.js';
import { parseReference } from '../../src/source/registry/reference.js';

/** Signs a manifest digest the way cosign does (simple-signing payload, sig tag) and pushes it. */
export async function cosignSign(repoRef: string, digest: string, key: KeyObject, creds: { username: string; password: string }, claimedDigest = digest) {
  const ref = parseReference(repoRef);
  const client = new RegistryClient(ref, { credentials: creds });
  const payload = Buffer.from(JSON.stringify({
    critical: { identity: { 'docker-reference': `${ref.registry}/${ref.repository}` }, image: { 'docker-manifest-digest': claimedDigest }, type: 'cosign container image signature' },
    optional: null,
  }));
  const sig = key.asymmetricKeyType === 'ed25519' ? sign(null, payload, key) : sign('sha256', payload, key);
  const config = Buffer.from(JSON.stringify({ architecture: '', os: '', config: {}, rootfs: { type: 'layers', diff_ids: [] } }));
  const configDigest = await pushBlob(client, config);
  const layerDigest = await pushBlob(client, payload);
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
    layers: [{ mediaType: COSIGN_SIMPLESIGNING, digest: layerDigest, size: payload.length, annotations: { [COSIGN_SIGNATURE_ANNOTATION]: sig.toString('base64') } }],
  };
  await pushManifest(client, signatureTag(digest), Buffer.from(JSON.stringify(manifest)), manifest.mediaType);
}

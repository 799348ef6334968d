import { createHash, createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CoastguardError, ExitCode } from '../../core/errors.js';
import type { ImageIndex, ImageManifest } from '../manifest.js';
import type { RegistryClient } from './client.js';
import { resolveRemote } from './pull.js';
import type { Credentials } from './credentials.js';
import type { Platform } from '../platform.js';

export const COSIGN_SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
export const COSIGN_SIMPLESIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const COSIGN_ARTIFACT_TYPE = 'application/vnd.dev.cosign.artifact.sig.v1+json';

/** The "simple signing" payload cosign signs: it names the manifest digest it vouches for. */
export interface SimpleSigningPayload {
  critical: { identity: { 'docker-reference': string }; image: { 'docker-manifest-digest': string }; type: string };
  optional?: Record<string, unknown> | null;
}

export function loadPublicKey(path: string): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CoastguardError(`cannot read key (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, path, ExitCode.USAGE);
  }
  try {
    const key = createPublicKey(pem);
    const t = key.asymmetricKeyType;
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (!(t === 'ed25519' || (t === 'ec' && curve === 'prime256v1'))) {
      throw new Error(`unsupported key type ${t}${curve ? ' ' + curve : ''} (ECDSA P-256 or Ed25519 expected)`);
    }
    return key;
  } catch (e) {
    throw new CoastguardError(`not a usable public key: ${(e as Error).message}`, path, ExitCode.USAGE);
  }
}

function verifyWith(key: KeyObject, payload: Buffer, sig: Buffer): boolean {
  try {
    return key.asymmetricKeyType === 'ed25519' ? cryptoVerify(null, payload, key, sig) : cryptoVerify('sha256', payload, key, sig);
  } catch {
    return false;
  }
}

export const signatureTag = (digest: string) => `${digest.replace(':', '-')}.sig`;

async function fetchJson<T>(client: RegistryClient, reference: string): Promise<T | undefined> {
  try {
    const m = await client.getManifest(reference);
    return JSON.parse(m.body.toString('utf8')) as T;
  } catch (e) {
    if (e instanceof CoastguardError && /manifest unknown/.test(e.message)) return undefined;
    throw e;
  }
}

/** Signature manifests for a digest: cosign's `sha256-<hex>.sig` tag, then OCI 1.1 referrers (API or fallback tag). */
async function signatureManifests(client: RegistryClient, digest: string): Promise<{ via: string; manifest: ImageManifest }[]> {
  const out: { via: string; manifest: ImageManifest }[] = [];
  const tagged = await fetchJson<ImageManifest>(client, signatureTag(digest));
  if (tagged?.layers) out.push({ via: `tag ${signatureTag(digest)}`, manifest: tagged });
  let referrers: ImageIndex | undefined;
  const res = await client.request(`/referrers/${digest}`, { accept: 'application/vnd.oci.image.index.v1+json' });
  if (res.ok) referrers = (await res.json()) as ImageIndex;
  else {
    await res.body?.cancel();
    referrers = await fetchJson<ImageIndex>(client, digest.replace(':', '-')); // referrers tag schema
  }
  for (const d of referrers?.manifests ?? []) {
    const at = (d as { artifactType?: string }).artifactType;
    if (at && at !== COSIGN_ARTIFACT_TYPE && at !== COSIGN_SIMPLESIGNING) continue;
    const m = await fetchJson<ImageManifest>(client, d.digest);
    if (m?.layers) out.push({ via: `referrer ${d.digest}`, manifest: m });
  }
  return out;
}

export interface VerifyResult {
  reference: string;
  digest: string;
  verified: { via: string; keyIndex: number }[];
  problems: string[];
}

/**
 * `coastguard verify REF --key cosign.pub`: a signature counts only if its payload names this
 * exact manifest digest and its bytes verify under one of the keys. Each rejected candidate
 * says why, so "no signature" and "wrong key" are told apart.
 */
export async function verifyImage(refStr: string, keys: KeyObject[], opts: { platform: Platform; insecure?: boolean; credentials?: Credentials }): Promise<VerifyResult> {
  const { client, topDigest } = await resolveRemote(refStr, opts);
  const result: VerifyResult = { reference: refStr, digest: topDigest, verified: [], problems: [] };
  const manifests = await signatureManifests(client, topDigest);
  if (manifests.length === 0) result.problems.push(`no signatures found for ${topDigest}`);
  for (const { via, manifest } of manifests) {
    for (const layer of manifest.layers) {
      const sigB64 = layer.annotations?.[COSIGN_SIGNATURE_ANNOTATION];
      if (!sigB64) continue;
      const res = await client.getBlob(layer.digest);
      const payload = Buffer.from(await res.arrayBuffer());
      const actual = 'sha256:' + createHash('sha256').update(payload).digest('hex');
      if (actual !== layer.digest) {
        result.problems.push(`${via}: payload blob hashes to ${actual}, not ${layer.digest}`);
        continue;
      }
      let p: SimpleSigningPayload;
      try {
        p = JSON.parse(payload.toString('utf8')) as SimpleSigningPayload;
      } catch {
        result.problems.push(`${via}: payload is not JSON`);
        continue;
      }
      const claimed = p.critical?.image?.['docker-manifest-digest'];
      if (claimed !== topDigest) {
        result.problems.push(`${via}: payload signs ${claimed ?? 'nothing'}, not ${topDigest}`);
        continue;
      }
      const sig = Buffer.from(sigB64, 'base64');
      const k = keys.findIndex((key) => verifyWith(key, payload, sig));
      if (k === -1) result.problems.push(`${via}: signature does not verify with the given key${keys.length > 1 ? 's' : ''}`);
      else result.verified.push({ via, keyIndex: k });
    }
  }
  return result;
}

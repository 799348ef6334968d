import { dirname, resolve } from 'node:path';
import { fingerprint } from '../core/fingerprint.js';
import type { Finding, ScanWarning } from '../core/types.js';
import type { Policy } from '../policy/index.js';
import type { Platform } from '../source/platform.js';
import { loadPublicKey, verifyImage } from '../source/registry/cosign.js';
import type { Credentials } from '../source/registry/credentials.js';
import { parseReference } from '../source/registry/reference.js';

/**
 * `base-image.require-signature` in the policy file: an image pulled from one of the named
 * registries must carry a cosign signature that verifies under one of the listed keys (paths
 * relative to the policy file). A missing or invalid signature is a HIGH policy finding, so the
 * gate (`--exit-code`) fails the run; images read from a tar cannot be checked and say so.
 */
export async function checkSignaturePolicy(
  policy: Policy,
  ref: string | undefined,
  opts: { platform: Platform; insecure?: boolean; credentials?: Credentials },
): Promise<{ findings: Finding[]; warnings: ScanWarning[] }> {
  const rules = policy.baseImage?.['require-signature'] ?? [];
  if (rules.length === 0) return { findings: [], warnings: [] };
  if (!ref) return { findings: [], warnings: [{ what: 'signature policy applies to registry images only; this image was read from a file', where: policy.file }] };
  const registry = parseReference(ref).registry;
  const rule = rules.find((r) => r.registry === registry || r.registry === `https://${registry}`);
  if (!rule) return { findings: [], warnings: [] };
  const base = policy.file ? dirname(policy.file) : process.cwd();
  const keys = rule.keys.map((k) => loadPublicKey(resolve(base, k)));
  const r = await verifyImage(ref, keys, opts);
  if (r.verified.length > 0) return { findings: [], warnings: [] };
  return {
    findings: [{
      kind: 'policy',
      id: 'CG-BASE-006',
      aliases: [],
      severity: 'HIGH',
      title: 'Image signature missing or invalid',
      description: `The policy requires images from ${registry} to be signed with ${rule.keys.join(', ')}: ${r.problems.join('; ')}.`,
      fix: 'Sign the image digest with cosign (key pair named in the policy) or pull it from a registry the policy does not cover.',
      target: ref,
      location: { path: policy.file ?? '.coastguard.yaml' },
      fingerprint: fingerprint('policy', 'CG-BASE-006', ref, r.digest),
      signature: { digest: r.digest, problems: r.problems },
    }],
    warnings: [],
  };
}

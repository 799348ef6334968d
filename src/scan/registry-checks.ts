import type { ScanResult } from '../core/types.js';
import type { Policy } from '../policy/index.js';
import type { Platform } from '../source/platform.js';
import type { Credentials } from '../source/registry/credentials.js';
import type { ResolvedImage } from '../source/types.js';
import { append } from '../core/arrays.js';

export interface RegistryCheckOptions {
  policy: Policy;
  /** The registry reference the image was pulled by; none when it was read from a file or an engine (no signature to fetch). */
  ref?: string;
  /** `--check-base`: ask the registry whether the base image has a newer build. */
  checkBase?: boolean;
  platform: Platform;
  insecure?: boolean;
  credentials?: Credentials;
}

/**
 * The image checks that ask a registry after the scan: the policy's signature requirement
 * (`base-image.require-signature`) and, with --check-base, whether the base was rebuilt. Their
 * findings and warnings join the scan result here, in the scan stage, not in the CLI.
 */
export async function addRegistryChecks(result: ScanResult, img: ResolvedImage, opts: RegistryCheckOptions): Promise<void> {
  const reg = { platform: opts.platform, insecure: opts.insecure, credentials: opts.credentials };
  const warnings = (result.warnings ??= []);
  const { checkSignaturePolicy } = await import('./signature-policy.js');
  const sig = await checkSignaturePolicy(opts.policy, opts.ref, reg);
  append(result.findings, sig.findings);
  append(warnings, sig.warnings);
  if (opts.checkBase) {
    const { checkBase } = await import('./base-check.js');
    const b = await checkBase(img, reg);
    append(result.findings, b.findings);
    append(warnings, b.warnings);
  }
}

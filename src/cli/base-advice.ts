import { CoastguardError, type ScanResult } from '../core/index.js';
import { adviseBase } from '../remediate/index.js';
import type { ImageScanOptions } from '../scan/image-scan.js';
import type { ResolvedImage } from '../source/types.js';
import type { ScanCliOptions } from './scan-options.js';
import type { CommandContext } from './command.js';
import { credentialsFrom } from './registry-flags.js';

/**
 * `image --check-base`: base-image advice into `result.baseAdvice`. A registry that cannot be
 * asked is a warning: the scan itself stands.
 */
export async function baseAdviceFor(ctx: CommandContext, img: ResolvedImage, result: ScanResult, o: ScanCliOptions & ImageScanOptions): Promise<void> {
  try {
    const a = await adviseBase(img, {
      ...o,
      insecure: Boolean(ctx.values.insecure),
      credentials: credentialsFrom(ctx),
      baseRepo: ctx.values.base as string | undefined,
      allowMajor: Boolean(ctx.values['base-major']),
    });
    if (a.advice) result.baseAdvice = a.advice;
    const warnings = (result.warnings ??= []);
    // The rebuild check already said the image records no base: one line, with the way out.
    const unrecorded = warnings.findIndex((w) => w.what.startsWith('image does not record its base'));
    if (unrecorded >= 0 && a.advice) warnings.splice(unrecorded, 1);
    else if (unrecorded >= 0 && !ctx.values.base) {
      warnings[unrecorded] = { ...warnings[unrecorded], what: `${warnings[unrecorded].what}; give --base REPO to find the base by its layers` };
      return;
    }
    warnings.push(...a.warnings);
  } catch (e) {
    if (!(e instanceof CoastguardError)) throw e;
    (result.warnings ??= []).push({ what: `no base-image advice: ${e.what}`, where: e.where });
  }
}

import { CoastguardError, ExitCode, usageError } from '../core/errors.js';
import type { ScanResult } from '../core/types.js';
import type { ImageScanOptions } from '../scan/image-scan.js';
import type { ResolvedImage } from '../source/types.js';
import type { CommandContext } from './command.js';
import { engineClient } from './engine-flags.js';

export type ImageSource = 'docker' | 'podman' | 'remote';
const KNOWN: ImageSource[] = ['docker', 'podman', 'remote'];

/** `--image-src docker,podman,remote`: where an image reference is looked up, in order (Trivy's flag and default). */
export function imageSources(flag: string | undefined): ImageSource[] {
  if (flag === undefined) return [...KNOWN];
  const list = flag.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of list) {
    if (s === 'containerd') throw usageError('--image-src containerd is not supported (use docker, podman or remote)', '--image-src');
    if (!KNOWN.includes(s as ImageSource)) throw usageError(`--image-src: unknown source "${s}" (docker, podman, remote)`, '--image-src');
  }
  if (!list.length) throw usageError('--image-src needs at least one of docker, podman, remote', '--image-src');
  return list as ImageSource[];
}

/** Not there (engine down or image absent): try the next source. Anything else is a real failure. */
const tryNext = (e: unknown) => e instanceof CoastguardError && (e.exitCode === ExitCode.NETWORK || /not found/.test(e.what));

/**
 * Tries the local engines in the order given. Undefined when none had the image and `remote` is
 * in the list (the caller pulls it); when it is not, the engines' answers become one error line.
 */
export async function scanFromEngines(
  ctx: CommandContext,
  ref: string,
  sources: ImageSource[],
  opts: ImageScanOptions,
): Promise<{ img: ResolvedImage; result: ScanResult } | undefined> {
  const tried: CoastguardError[] = [];
  for (const src of sources) {
    if (src === 'remote') return undefined;
    try {
      const { scanEngineImage } = await import('../scan/engine-image-scan.js');
      return await scanEngineImage(engineClient(ctx, src), ref, opts);
    } catch (e) {
      if (!tryNext(e)) throw e;
      tried.push(e as CoastguardError);
    }
  }
  if (tried.length === 1) throw tried[0];
  const last = tried[tried.length - 1];
  const notFound = tried.find((e) => e.exitCode !== ExitCode.NETWORK);
  throw new CoastguardError(tried.map((e) => `${e.what} at ${e.where}`).join('; '), ref, (notFound ?? last).exitCode);
}

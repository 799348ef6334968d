import { analyzersFor } from '../analyze/registry.js';
import type { ScanResult } from '../core/types.js';
import type { EngineClient } from '../source/engine/client.js';
import { streamEngineImage } from '../source/engine/image-stream.js';
import type { ResolvedImage } from '../source/types.js';
import { scanWalkedImage, type ImageScanOptions } from './image-scan.js';
import { analyzerKinds } from './scanners.js';

/** An image held by a local engine (Docker, Podman): streamed through the layer walk, then the usual pipeline. */
export async function scanEngineImage(client: EngineClient, name: string, opts: ImageScanOptions): Promise<{ img: ResolvedImage; result: ScanResult }> {
  const analyzers = analyzersFor(analyzerKinds(opts.scanners), 'image');
  const { img, layers } = await streamEngineImage(client, name, analyzers, { onProgress: opts.onProgress });
  return { img, result: await scanWalkedImage(img, layers, opts) };
}

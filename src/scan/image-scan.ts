import { analyzersFor } from '../analyze/registry.js';
import type { ScanResult } from '../core/types.js';
import { analyzeLayers } from '../source/layer-pool.js';
import type { LayerCache } from '../source/layer-cache.js';
import type { LayerResult } from '../source/layer-walk.js';
import type { ResolvedImage } from '../source/types.js';
import { imageFacts } from './image-facts.js';
import { buildInventory } from './inventory.js';
import { scanResult } from './result.js';
import { mergeLayers } from './merge.js';
import { analyzerKinds, type Scanner } from './scanners.js';
import { runScanners, type ScannerOptions } from './run-scanners.js';

export interface ImageScanOptions extends ScannerOptions {
  scanners: Set<Scanner>;
  cache?: LayerCache;
  workers?: number;
  onProgress?: (msg: string) => void;
  /** `--secret-config FILE`. */
  secretConfig?: string;
  skipFiles?: string[];
}

/** The pipeline for one image: layers → analyzers → merge → inventory → scanners → one ScanResult. */
export async function scanImage(img: ResolvedImage, opts: ImageScanOptions): Promise<ScanResult> {
  const analyzerOptions = { secretConfig: opts.secretConfig, skipDirs: opts.skipDirs, skipFiles: opts.skipFiles };
  const analyzers = analyzersFor(analyzerKinds(opts.scanners), 'image', analyzerOptions);
  let done = 0;
  const layerResults = await analyzeLayers(img.layers, {
    analyzers,
    analyzerOptions,
    cache: opts.cache,
    workers: opts.workers,
    onLayerDone: (i, _r, cached) => opts.onProgress?.(`layer ${++done}/${img.layers.length}${cached ? ' (cached)' : ''}`),
  });
  return scanWalkedImage(img, layerResults, opts);
}

/** The rest of the pipeline once every layer was walked (here, or as it streamed past from an engine). */
export async function scanWalkedImage(img: ResolvedImage, layerResults: LayerResult[], opts: ImageScanOptions): Promise<ScanResult> {
  const merged = mergeLayers(layerResults);
  const facts = imageFacts(img);
  const inv = buildInventory(merged);
  const result = scanResult(
    { name: img.name, type: 'container_image', digest: img.manifestDigest ?? img.configDigest, os: inv.os, image: facts },
    { packages: inv.packages, findings: inv.findings, warnings: inv.warnings },
  );
  await runScanners(result, opts.scanners, opts);
  return result;
}

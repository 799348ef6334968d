import type { Analyzer } from './types.js';
import { osAnalyzers } from './os/index.js';
import { dpkgAnalyzers } from './dpkg/index.js';
import { apkAnalyzers } from './apk/index.js';
import { rpmAnalyzers } from './rpm/index.js';
import { langAnalyzers } from './lang.js';
import { imageFileAnalyzer } from '../misconfig/image/files.js';
import { secretAnalyzer } from '../secrets/analyzer.js';

/**
 * Every analyzer the layer walk can run. Each ecosystem folder's index.ts exports its analyzers;
 * adding one is one import and one spread below. Worker threads import this module too.
 */
export const allAnalyzers: Analyzer[] = [
  // OS: release files and package DBs
  ...osAnalyzers,
  ...dpkgAnalyzers,
  ...apkAnalyzers,
  ...rpmAnalyzers,
  // language ecosystems
  ...langAnalyzers,
  // secrets and image-file checks
  imageFileAnalyzer,
  secretAnalyzer,
];

/** The analyzers of these kinds; for an image, without the source-only ones (lockfiles). */
export function analyzersFor(kinds: Analyzer['kind'][], target: 'image' | 'source'): Analyzer[] {
  return allAnalyzers.filter((a) => kinds.includes(a.kind) && !(target === 'image' && a.sourceOnly));
}

import type { Analyzer } from './types.js';
import { osAnalyzers } from './os/index.js';
import { dpkgAnalyzers } from './dpkg/index.js';
import { apkAnalyzers } from './apk/index.js';
import { rpmAnalyzers } from './rpm/index.js';
import { langAnalyzers } from './lang.js';
import { imageFileAnalyzer } from '../misconfig/image/files.js';
import { loadSecretConfig, makeSecretAnalyzer, secretAnalyzer } from '../secrets/analyzer.js';
import { skipMatcher } from '../source/skip.js';
import { fileDigest, type AnalyzerOptions } from './options.js';
import { createHash } from 'node:crypto';

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

/** The analyzers of these kinds, created with the user's options; for an image, without the source-only ones (lockfiles). */
export function analyzersFor(kinds: Analyzer['kind'][], target: 'image' | 'source', options: AnalyzerOptions = {}): Analyzer[] {
  const chosen = allAnalyzers.filter((a) => kinds.includes(a.kind) && !(target === 'image' && a.sourceOnly)).map((a) => a.id);
  return configuredAnalyzers(chosen, options);
}

/**
 * The analyzers named, configured: custom secret rules replace the built-in secret analyzer, and
 * skip globs wrap every analyzer so it neither wants nor observes skipped paths. Worker threads
 * call this with the same ids and options and get the same analyzers.
 */
export function configuredAnalyzers(ids: string[], options: AnalyzerOptions = {}): Analyzer[] {
  let list = allAnalyzers.filter((a) => ids.includes(a.id));
  if (options.secretConfig) {
    const key = fileDigest(options.secretConfig, 'secret config');
    const custom = makeSecretAnalyzer(loadSecretConfig(options.secretConfig), `secret-config:${key}`);
    list = list.map((a) => (a.id === custom.id ? custom : a));
  }
  const skip = skipMatcher(options.skipDirs, options.skipFiles);
  if (skip.empty) return list;
  const skipKey = createHash('sha256').update(skip.key).digest('hex').slice(0, 16);
  return list.map((a) => ({
    ...a,
    optionsKey: [a.optionsKey, `skip:${skipKey}`].filter(Boolean).join(','),
    wants: (path, info) => !skip.file(path) && a.wants(path, info),
    analyze: (file) => a.analyze(file),
    ...(a.observe ? { observe: (entry) => (skip.file(entry.path) ? undefined : a.observe!(entry)) } : {}),
  }));
}

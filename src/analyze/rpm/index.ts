export { rpmAnalyzer, rpmPackagesFromDb, rpmDbKind, evr } from './analyzer.js';
export { RpmHeader, readPackageInfo, parseSourceRpm, TAG } from './header.js';
export { bdbHashValues } from './bdb.js';
export { ndbHeaderBlobs } from './ndb.js';
export { sqliteHeaderBlobs } from './sqlite.js';

import { rpmAnalyzer } from './analyzer.js';
import type { Analyzer } from '../types.js';
export const rpmAnalyzers: Analyzer[] = [rpmAnalyzer];

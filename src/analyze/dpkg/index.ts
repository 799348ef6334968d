export { dpkgAnalyzer, dpkgPackagesFromStatus, isDpkgStatusPath } from './analyzer.js';
export { parseDpkgStatus, parseSourceField, isInstalled } from './parse-status.js';

import { dpkgAnalyzer } from './analyzer.js';
import { dpkgFileListAnalyzer } from './file-lists.js';
import type { Analyzer } from '../types.js';
export { dpkgFileListAnalyzer };
export const dpkgAnalyzers: Analyzer[] = [dpkgAnalyzer, dpkgFileListAnalyzer];

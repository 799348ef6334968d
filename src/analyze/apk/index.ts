export { apkAnalyzer, apkPackagesFromInstalled, APK_DB, APK_DB_USRMERGE } from './analyzer.js';
export { parseApkInstalled } from './parse-installed.js';

import { apkAnalyzer } from './analyzer.js';
import type { Analyzer } from '../types.js';
export const apkAnalyzers: Analyzer[] = [apkAnalyzer];

export { osReleaseAnalyzer } from './analyzer.js';
export { finalizeOsPackages, osPurl, NEUTRAL_OS_ECOSYSTEMS } from './finalize.js';
export { findEol, withEol } from './eol.js';
export { EOL_DATA, type EolEntry } from './eol-data.js';
export { RELEASE_FILES, RELEASE_FILE_RANK } from './release-files.js';
export { familyInfo, familyFromId } from './families.js';

import { osReleaseAnalyzer } from './analyzer.js';
import type { Analyzer } from '../types.js';
export const osAnalyzers: Analyzer[] = [osReleaseAnalyzer];
export { osFromName, osFromDistroQualifier } from './from-name.js';

export { dpkgAnalyzer, dpkgPackagesFromStatus, isDpkgStatusPath } from './analyzer.js';
export { parseDpkgStatus, parseSourceField, isInstalled } from './parse-status.js';

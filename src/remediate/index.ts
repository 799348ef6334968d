/** Remediation: the upgrade set, image diff and base-image advice (docs/remediation.md). */
export { planUpgrades } from './upgrades.js';
export { installCommand, shellWord, type Pinned } from './install-commands.js';
export { diffScans, type ImageDiff, type DiffPackage, type ChangedPackage, type DiffFinding } from './diff.js';
export { formatDiffTable } from './diff-format.js';
export { scanTarget, type TargetOptions } from './scan-target.js';
export { adviseBase, type BaseAdviceOptions } from './base/advise.js';
export { candidateTags, parseTag } from './base/tag-versions.js';
export { fetchStoredScan } from './stored-scan.js';

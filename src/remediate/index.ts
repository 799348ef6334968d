/** Remediation: the upgrade set, image diff and base-image advice (docs/remediation.md). */
export { planUpgrades } from './upgrades.js';
export { installCommand, shellWord, type Pinned } from './install-commands.js';

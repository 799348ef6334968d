// The policy stage's front door: load the policy file and VEX documents, then apply them.
export { loadPolicy, emptyPolicy, DEFAULT_POLICY_FILES, type Policy, type LoadedIgnore, type CompiledPolicy } from './load.js';
export { loadVex, purlMatches, type VexStatement } from './vex.js';
export { applyPolicy, kubernetesObjects, type ApplyFlags, type ApplyOutcome, type KubernetesObject } from './apply.js';
export { BASE_IMAGE_RULES, parseImageRef, imageFacts } from './base-image.js';
export type { PolicyFile } from './schema.js';
export { loadIgnoreFile, findIgnoreFile, DEFAULT_IGNORE_FILES } from './ignore-file.js';

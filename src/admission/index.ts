// Front door of the admission webhook: AdmissionReview in, the `coastguard config` verdict out;
// the cluster manifests that run it; the ValidatingAdmissionPolicy export.
export { configVerdict, admissionPath, jsonDoc, type ConfigVerdict, type ConfigVerdictOptions } from './verdict.js';
export { review, prepare, decide, isPrepared, WARNING_MAX, type ReviewOptions, type ReviewOutcome, type AdmissionResponse } from './review.js';
export { parseModes, modeOf, MODES, type Mode, type ModeTable } from './modes.js';
export { ImagePolicy, IMAGE_RULES, fetchServerScan, type ImagePolicyOptions } from './image-policy.js';
export { BackgroundCache } from './background-cache.js';
export { startAdmissionServer, DEFAULT_MAX_BODY, LARGE_BODY, type AdmissionServer, type AdmissionServerOptions } from './server.js';
export { renderManifests, WEBHOOK_NAME, EXCLUDE_LABEL, type ManifestOptions } from './manifests.js';
export { vapExport, vapPolicies, CEL_RULES, WORKLOAD_KINDS, type CelRule, type ExportedPolicy } from './vap.js';
export { VerdictPool, TOO_COSTLY, type VerdictWorkerSetup } from './verdict-pool.js';

/** Front door of drift detection: a running container compared with its image. */
export { containerDrift, driftResult, inspectOrFail, type ContainerDrift, type ContainerRef, type DriftOptions, type DriftSummary } from './drift.js';
export { DEFAULT_IGNORES, RULES as DRIFT_RULES, isExecutable, ruleFor, type Change } from './classify.js';

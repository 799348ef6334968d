export * from './types.js';
export * from './severity.js';
export * from './errors.js';
export * from './fingerprint.js';
export * from './rule.js';
export * from './version.js';

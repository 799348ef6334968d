/** Front door of the vulnerability DB: build, update, open (read-only), paths, age. */
export { openVulnDb, type VulnDb, type VulnDetails, type AffectedRow, type DbInfo, type DbSourceInfo } from './store.js';
export { defaultDbPath, cacheDir, feedCacheDir } from './paths.js';
export { buildDb, type BuildOptions, type BuildSource, type BuildSummary } from './build.js';
export { updateDb, parseSourceSpec, DEFAULT_SOURCES, type FeedSourceSpec, type UpdateOptions, type UpdateResult } from './update.js';
export { dbAgeWarning, parseAge, DEFAULT_MAX_DB_AGE_MS } from './age.js';
export { DB_SCHEMA_VERSION } from './schema.js';
export { scoreVector, severityFromScore, type CvssScore } from './cvss.js';
export { normalizePackageName, canonicalEcosystem, debianNamespace, alpineNamespace } from './names.js';
export type { VulnRecord, AffectedEntry, RangeSpec, VulnStatus } from './types.js';

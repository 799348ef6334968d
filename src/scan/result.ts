import { SCHEMA_VERSION, type Artifact, type Finding, type Package, type ScanResult, type ScanWarning } from '../core/types.js';

/** The one place a ScanResult is put together: every scan (image, fs, config, repo, sbom) ends here. */
export function scanResult(artifact: Artifact, parts: { packages?: Package[]; findings?: Finding[]; warnings?: ScanWarning[] } = {}): ScanResult {
  return { schemaVersion: SCHEMA_VERSION, artifact, packages: parts.packages ?? [], findings: parts.findings ?? [], warnings: parts.warnings ?? [] };
}

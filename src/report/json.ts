import { SCHEMA_VERSION, type ScanResult } from '../core/index.js';
import type { ReportOptions } from './util.js';

/**
 * The native shape (docs/json-format.md): the ScanResult itself, keys in a fixed order so diffs
 * between runs stay small. `schemaVersion` is always the current one.
 */
export function writeJson(result: ScanResult, _opts: ReportOptions = {}): string {
  const out: Record<string, unknown> = {
    schemaVersion: SCHEMA_VERSION,
    artifact: result.artifact,
    packages: result.packages,
    findings: result.findings,
  };
  if (result.upgrades) out.upgrades = result.upgrades;
  if (result.suppressed?.length) out.suppressed = result.suppressed;
  if (result.warnings?.length) out.warnings = result.warnings;
  return JSON.stringify(out, null, 2) + '\n';
}

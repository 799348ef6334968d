import { SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION, type ScanResult } from '../core/index.js';
import { isoNow, type ReportOptions } from './util.js';

/**
 * The native shape (docs/json-format.md): the ScanResult itself, keys in a fixed order so diffs
 * between runs stay small, with what an auditor needs to trust it: the tool and its version, when
 * the report was made (UTC), and the vulnerability DB used. `schemaVersion` is always the current one.
 */
export function writeJson(result: ScanResult, opts: ReportOptions = {}): string {
  const out: Record<string, unknown> = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: opts.toolVersion ?? TOOL_VERSION },
    createdAt: isoNow(opts),
    artifact: result.artifact,
  };
  if (result.db) out.db = result.db;
  out.packages = result.packages;
  out.findings = result.findings;
  if (result.upgrades) out.upgrades = result.upgrades;
  if (result.baseAdvice) out.baseAdvice = result.baseAdvice;
  if (result.suppressed?.length) out.suppressed = result.suppressed;
  if (result.warnings?.length) out.warnings = result.warnings;
  return JSON.stringify(out, null, 2) + '\n';
}

import { existsSync } from 'node:fs';
import type { OSInfo, Package, ScanWarning } from '../core/types.js';
import { defaultDbPath, openVulnDb } from '../vulndb/index.js';
import { detectVulnerabilities, type VulnerabilityFinding } from './index.js';

export interface VulnScanOptions {
  /** `--db FILE`; default: <cache dir>/db/coastguard.db. */
  db?: string;
  /** `--cache-dir`. */
  cacheDir?: string;
  /** True when the user asked for the vuln scanner explicitly (`--scanners vuln`): no DB is an error. */
  required?: boolean;
  ignoreUnfixed?: boolean;
  maxDbAgeMs?: number;
  now?: Date;
}

/**
 * What a scanning command calls: opens the DB, matches, closes. Without a DB and without
 * `required`, the scan goes on with one warning saying how to get one; with `required`, or when a
 * DB exists but is damaged, it throws the DB error (exit code 4).
 */
export function scanVulnerabilities(
  packages: Package[],
  os: OSInfo | undefined,
  opts: VulnScanOptions = {},
): { findings: VulnerabilityFinding[]; warnings: ScanWarning[]; dbPath: string; skipped: boolean } {
  const dbPath = opts.db ?? defaultDbPath(opts.cacheDir);
  if (!existsSync(dbPath) && !opts.required) {
    return {
      findings: [],
      warnings: [{ what: "vulnerability scan skipped: no vulnerability database (run 'coastguard db update', or 'coastguard db build SOURCE…' offline)", where: dbPath }],
      dbPath,
      skipped: true,
    };
  }
  const db = openVulnDb(dbPath);
  try {
    return { ...detectVulnerabilities(packages, os, db, opts), dbPath, skipped: false };
  } finally {
    db.close();
  }
}

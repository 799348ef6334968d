import { existsSync } from 'node:fs';
import { dbError } from '../core/errors.js';
import type { Finding, ScanResult } from '../core/types.js';
import type { Scanner } from './scanners.js';

export interface ScannerOptions {
  dbPath?: string;
  ignoreUnfixed?: boolean;
  cacheDir?: string;
  /** True when the user named the scanners: then `vuln` without a DB is an error, not a note. */
  explicitScanners?: boolean;
  /** For filesystem scans: the directory, so IaC files in it are checked too. */
  root?: string;
  skipDirs?: string[];
}

/** Kubernetes objects read by the config scanner, handed on to CEL policies. */
export type KubernetesObjects = { path: string; line?: number; object: Record<string, unknown> }[];

/**
 * The scanners that work on the whole inventory rather than file by file: vulnerabilities
 * (DB), image-config checks, config secrets and IaC files of a directory. Each adds findings
 * and warnings to `result`. Scanner modules load lazily: a secrets-only run never opens SQLite.
 */
export async function runScanners(result: ScanResult, scanners: Set<Scanner>, opts: ScannerOptions): Promise<{ kubernetes?: KubernetesObjects }> {
  const warnings = (result.warnings ??= []);
  const target = result.artifact.name;
  const image = result.artifact.image;
  let kubernetes: KubernetesObjects | undefined;

  if (scanners.has('misconfig')) {
    const { checkImageConfig, scanConfigPaths } = await import('../misconfig/index.js');
    if (image) result.findings.push(...checkImageConfig(image, target));
    if (opts.root) {
      const r = await scanConfigPaths([opts.root], { skipDirs: opts.skipDirs, relativeTo: opts.root });
      result.findings.push(...r.findings);
      warnings.push(...r.warnings);
      kubernetes = r.kubernetes;
    }
  }
  if (scanners.has('secret') && image) {
    const { scanImageConfigSecrets } = await import('../secrets/index.js');
    result.findings.push(...scanImageConfigSecrets(image, target));
  }
  if (scanners.has('vuln')) {
    const { defaultDbPath, openVulnDb } = await import('../vulndb/index.js');
    const path = opts.dbPath ?? defaultDbPath(opts.cacheDir);
    if (!existsSync(path)) {
      const how = "run 'coastguard db update' (or 'coastguard db build --output FILE SOURCE…' offline) and pass --db FILE";
      if (opts.explicitScanners || opts.dbPath) throw dbError(`no vulnerability database: ${how}`, path);
      warnings.push({ what: `vulnerability scanning skipped: no database (${how})`, where: path });
    } else {
      const { detectVulnerabilities } = await import('../detect/index.js');
      const db = openVulnDb(path);
      try {
        const r = detectVulnerabilities(result.packages, result.artifact.os, db, { ignoreUnfixed: opts.ignoreUnfixed });
        result.findings.push(...r.findings);
        warnings.push(...r.warnings);
      } finally {
        db.close();
      }
    }
  }
  result.findings = dedupeSecrets(result.findings);
  return { kubernetes };
}

/**
 * A secret in a Kubernetes manifest or a compose file is reported by the config rules with its
 * object context; the secret scanner's finding on the same line adds nothing, so it goes.
 */
function dedupeSecrets(findings: Finding[]): Finding[] {
  const configLines = new Set(
    findings.filter((f) => f.kind === 'misconfig' && f.location.line && /secret|password|credential|token/i.test(f.title)).map((f) => `${f.location.path}:${f.location.line}`),
  );
  if (configLines.size === 0) return findings;
  return findings.filter((f) => f.kind !== 'secret' || !configLines.has(`${f.location.path}:${f.location.line}`));
}

import { existsSync } from 'node:fs';
import { dbError } from '../core/errors.js';
import type { Finding, ScanResult } from '../core/types.js';
import type { Scanner } from './scanners.js';
import { baseEcosystem } from '../vulndb/names.js';
import { append } from '../core/arrays.js';

export interface ScannerOptions {
  dbPath?: string;
  ignoreUnfixed?: boolean;
  cacheDir?: string;
  /** True when the user named the scanners: then `vuln` without a DB is an error, not a note. */
  explicitScanners?: boolean;
  /** For filesystem scans: the config files (Dockerfiles, manifests, compose) the walk kept, paths relative to the root. */
  configFiles?: { path: string; text: string }[];
  skipDirs?: string[];
  /** `--trusted-registry`: handed to the config rules when the scan starts (no module state). */
  trustedRegistries?: string[];
  /** `--skip-db`: the user chose to scan without vulnerabilities; a gated scan may then pass. */
  skipDb?: boolean;
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
    const { checkImageConfig, scanConfigFiles } = await import('../misconfig/index.js');
    if (image) append(result.findings, checkImageConfig(image, target));
    if (opts.configFiles) {
      const r = scanConfigFiles(opts.configFiles, [], { trustedRegistries: opts.trustedRegistries });
      append(result.findings, r.findings);
      append(warnings, r.warnings);
      kubernetes = r.kubernetes;
    }
  }
  if (scanners.has('secret') && image) {
    const { scanImageConfigSecrets } = await import('../secrets/index.js');
    append(result.findings, scanImageConfigSecrets(image, target));
  }
  if (scanners.has('vuln')) await runVulnScanner(result, opts);
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

const HOW_TO_GET_A_DB = "run 'coastguard db update' (or 'coastguard db build --output FILE SOURCE…' offline) and pass --db FILE, or --skip-db to scan without vulnerabilities";

/**
 * Matches the inventory against the DB. When it cannot (no DB at the default path, or a DB that
 * covers none of the scan's OS or ecosystems) the scan goes on, but a `notChecked` warning says
 * so and a gated scan fails on it: "no findings" must never mean "not looked".
 */
async function runVulnScanner(result: ScanResult, opts: ScannerOptions): Promise<void> {
  const warnings = (result.warnings ??= []);
  if (opts.skipDb) {
    warnings.push({ what: 'vulnerabilities not checked: --skip-db' });
    return;
  }
  const { defaultDbPath, openVulnDb } = await import('../vulndb/index.js');
  const path = opts.dbPath ?? defaultDbPath(opts.cacheDir);
  if (!existsSync(path)) {
    if (opts.explicitScanners || opts.dbPath) throw dbError(`no vulnerability database: ${HOW_TO_GET_A_DB}`, path);
    warnings.push({ what: `vulnerabilities not checked: no vulnerability database (${HOW_TO_GET_A_DB})`, where: path, notChecked: 'scanner', scanner: 'vuln' });
    return;
  }
  const { detectVulnerabilities, isOsPackage, languageKey, osNamespace } = await import('../detect/index.js');
  const db = openVulnDb(path);
  try {
    const info = db.info();
    result.db = {
      builtAt: info.builtAt,
      schemaVersion: info.schemaVersion,
      sources: info.sources.map((s) => ({ location: s.location, records: s.records, ...(s.sha256 ? { sha256: s.sha256 } : {}), ...(s.fetchedAt ? { fetchedAt: s.fetchedAt } : {}) })),
    };
    const os = result.artifact.os;
    const wanted = new Set<string>();
    for (const p of result.packages) {
      if (p.ownedBy) continue;
      if (isOsPackage(p)) wanted.add(os ? osNamespace(os) : 'unknown OS');
      else wanted.add(languageKey(p).namespace);
    }
    const covered = [...wanted].some((ns) => db.hasNamespace(ns) || db.hasNamespace(`${baseEcosystem(ns)}:*`));
    if (wanted.size > 0 && !covered) {
      warnings.push({
        what: `vulnerabilities not checked: the database covers none of this scan's ecosystems (${[...wanted].sort().join(', ')}); build it with feeds for them`,
        where: path,
        notChecked: 'scanner',
        scanner: 'vuln',
      });
      return;
    }
    const r = detectVulnerabilities(result.packages, os, db, { ignoreUnfixed: opts.ignoreUnfixed });
    append(result.findings, r.findings);
    append(warnings, r.warnings);
  } finally {
    db.close();
  }
}

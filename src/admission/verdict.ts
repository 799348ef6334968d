import type { Finding, Severity } from '../core/index.js';
import { scanK8sObjects } from '../misconfig/index.js';
import type { K8sObject } from '../misconfig/kubernetes/objects.js';
import type { YamlDoc } from '../misconfig/yaml-docs.js';
import { applyPolicy, type Policy, type VexStatement } from '../policy/index.js';

/** What `coastguard config` runs under, loaded once when the webhook starts. */
export interface ConfigVerdictOptions {
  policy: Policy;
  /** `--severity` (undefined: the policy file's `severity`, else every severity). */
  severities?: Severity[];
  vex?: VexStatement[];
  /** `--skip-rules`: rule ids, slugs or aliases not run, as config takes them. */
  skipRules?: string[];
}

export interface ConfigVerdict {
  /** Findings `coastguard config` would report on this object: the ones that deny (mode permitting). */
  reported: Finding[];
  /** Findings the severity threshold dropped: Kubernetes `warnings`, never a denial. */
  belowThreshold: Finding[];
  /** Findings an ignore entry (or an annotation) hid, with why. */
  suppressed: number;
}

/** The namespace part of the path of a cluster-scoped object. */
export const CLUSTER_SCOPED = '_cluster';

/**
 * The path an admitted object is scanned under. It stands in for the file name `config` would
 * see, so `paths:` in ignore entries can name objects: `admission/NAMESPACE/KIND/NAME`.
 */
export function admissionPath(object: Record<string, unknown>, namespace?: string): string {
  const meta = (object.metadata ?? {}) as { name?: unknown; generateName?: unknown; namespace?: unknown };
  const ns = String(meta.namespace ?? namespace ?? '') || CLUSTER_SCOPED;
  const name = String(meta.name ?? meta.generateName ?? '') || '_unnamed';
  return `admission/${ns}/${String(object.kind ?? 'Unknown')}/${name}`;
}

/** A parsed document for an object that arrived as JSON: no source text, so every line is 1. */
export function jsonDoc(value: unknown): YamlDoc {
  return { value, line: 1, endLine: 1, lineOf: () => 1 };
}

/**
 * The verdict of `coastguard config` on one object, with no second implementation: the same
 * Kubernetes rule pack (scanK8sObjects, what config's scanConfigPaths runs) and the same policy
 * stage (applyPolicy: ignores with expiry, CEL `on: kubernetes` policies, the severity filter).
 * The object arrives as JSON (objectsOf(jsonDoc(object))), so no YAML is parsed on the request path.
 */
export function configVerdict(objects: K8sObject[], path: string, opts: ConfigVerdictOptions, now = new Date()): ConfigVerdict {
  const scan = scanK8sObjects(objects, opts.skipRules);
  const outcome = applyPolicy(
    { schemaVersion: 1, artifact: { name: path, type: 'config' }, packages: [], findings: scan.findings, warnings: scan.warnings },
    opts.policy,
    { severities: opts.severities, vex: opts.vex, kubernetes: objects.map((o) => ({ path, line: 1, object: o.value as Record<string, unknown> })), now },
  );
  const reported = outcome.result.findings;
  const kept = new Set(reported.map((f) => f.fingerprint));
  const hidden = new Set((outcome.result.suppressed ?? []).map((s) => s.finding.fingerprint));
  const belowThreshold = scan.findings.filter((f) => !kept.has(f.fingerprint) && !hidden.has(f.fingerprint));
  return { reported, belowThreshold, suppressed: outcome.result.suppressed?.length ?? 0 };
}
